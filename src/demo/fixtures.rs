//! Sample amoCRM data: Russian and English records, every custom field type,
//! and hostile strings (markup, emoji, very long names, right-to-left text).

use serde_json::{json, Value};

use crate::model::EntityKind;

mod events;
mod notes;
mod process;
pub use events::{event, events};
pub use notes::notes;
pub use process::{
    catalog_elements, customer_statuses, loss_reasons, pipelines, stage_descriptions, PRODUCTS,
};

/// The account with customers in segments mode.
pub const ACCOUNT_ID: i64 = 31_000_001;
/// An account whose customers mode is off.
pub const ACCOUNT_NO_CUSTOMERS: i64 = 31_000_002;

/// The demo's accounts: the sample account on `demo.amocrm.ru`, the one without
/// customers on `demo-nocustomers.amocrm.ru`, then account `i` (from 3) with id
/// `31000000 + i` on `demo-{i}.amocrm.ru`, all with the same sample data.
pub fn demo_accounts(n: usize) -> Vec<(i64, String)> {
    let first = [
        (ACCOUNT_ID, "demo.amocrm.ru".to_owned()),
        (
            ACCOUNT_NO_CUSTOMERS,
            "demo-nocustomers.amocrm.ru".to_owned(),
        ),
    ];
    first
        .into_iter()
        .chain((3..).map(|i: i64| (31_000_000 + i, format!("demo-{i}.amocrm.ru"))))
        .take(n)
        .collect()
}
/// Account admins (group 0 and group 1).
pub const USER_ANNA: i64 = 7_000_001;
pub const USER_JOHN: i64 = 7_000_002;
/// Group 1; views her group's leads, changes only her own; no contacts or companies.
pub const USER_MARIA: i64 = 7_000_003;
/// Group 0; only his own leads and contacts.
pub const USER_PAVEL: i64 = 7_000_004;
/// Group 0; sees everything, may change nothing.
pub const USER_OLGA: i64 = 7_000_005;
/// Group 0; everything, except stage rights: cannot see leads in "Переговоры"
/// (pipeline 1, status 11) and cannot change leads in or into "won" (142).
pub const USER_OLEG: i64 = 7_000_006;
/// Deactivated.
pub const USER_INACTIVE: i64 = 7_000_007;
/// Administrators whose amoCRM profiles are in Kommo's other languages, one
/// each: Spanish, Portuguese (written `pt_BR`, as some profiles carry it),
/// Turkish and Indonesian.
pub const USER_LUCIA: i64 = 7_000_008;
pub const USER_JOAO: i64 = 7_000_009;
pub const USER_AYSE: i64 = 7_000_010;
pub const USER_PUTRI: i64 = 7_000_011;
/// The demo user whose profile is in each language, in `Lang::ALL` order.
pub const USERS_BY_LANG: [i64; 6] = [
    USER_ANNA, USER_JOHN, USER_LUCIA, USER_JOAO, USER_AYSE, USER_PUTRI,
];

pub const LEAD_RU: i64 = 1001;
pub const LEAD_EN_WON: i64 = 1002;
pub const LEAD_HOSTILE: i64 = 1003;
pub const LEAD_DELETED: i64 = 1004;
pub const LEAD_LOST_BARE: i64 = 1005;
/// Pavel's own lead, with one contact of his and one of Anna's.
pub const LEAD_PAVEL: i64 = 1006;
/// A deal gone quiet: in its stage for weeks, last contact long ago, no task.
pub const LEAD_STALE: i64 = 1007;
pub const CUSTOMER: i64 = 5001;
/// The sample pipeline's stage that needs the contract number (field 114).
pub const STAGE_SIGNED: i64 = 13;
pub const FIELD_CONTRACT: i64 = 114;
/// Two of the sample account's loss reasons.
pub const LOSS_NO_NEED: i64 = 4203748;
pub const LOSS_PRICE: i64 = 4203749;

pub fn hostile_name() -> String {
    format!(
        "<script>alert('x')</script> <b>Ёлка</b> 😀🚀 مرحبا بالعالم {}",
        "Оченьдлинноеимябезпробелов".repeat(12)
    )
}

pub fn account(id: i64) -> Value {
    let customers_mode = if id == ACCOUNT_NO_CUSTOMERS {
        "disabled"
    } else {
        "segments"
    };
    json!({
        "id": id,
        "name": "ООО «Пример»",
        "subdomain": "example",
        "customers_mode": customers_mode,
        "country": "RU",
        // account-info.md: whether the account uses loss reasons (the sample does).
        "is_loss_reason_enabled": id == ACCOUNT_ID,
        "_embedded": {"datetime_settings": {"timezone": "Europe/Moscow", "date_format": "d.m.Y"},
            "task_types": [{"id": 1, "name": "Связаться", "code": "FOLLOW_UP"}, {"id": 2, "name": "Встреча", "code": "MEETING"}, {"id": 77, "name": "Отправить КП", "code": null}]}
    })
}

/// An amoCRM `rights` object: leads, contacts, companies as `view`/`edit`
/// levels, tasks `edit`, and the group.
fn rights(
    leads: [&str; 2],
    contacts: [&str; 2],
    companies: [&str; 2],
    tasks: &str,
    group: i64,
) -> Value {
    let entity = |[view, edit]: [&str; 2]| json!({"view": view, "edit": edit, "add": edit, "delete": edit, "export": view});
    json!({"leads": entity(leads), "contacts": entity(contacts), "companies": entity(companies),
        "tasks": {"edit": tasks, "delete": tasks}, "mail_access": false, "catalog_access": false,
        "status_rights": [], "is_admin": false, "is_free": false, "is_active": true,
        "group_id": group, "role_id": null})
}

/// `r` with the right to change products (users-api.md `catalog_access`).
fn with_catalogs(mut r: Value) -> Value {
    r["catalog_access"] = json!(true);
    r
}

pub fn users() -> Vec<Value> {
    let admin = |group: i64| {
        let mut r = rights(["A", "A"], ["A", "A"], ["A", "A"], "A", group);
        r["is_admin"] = json!(true);
        r
    };
    let mut oleg = rights(["A", "A"], ["A", "A"], ["A", "A"], "A", 0);
    oleg["status_rights"] = json!([
        {"entity_type": "leads", "pipeline_id": 1, "status_id": 11, "rights": {"view": "D", "edit": "D", "delete": "D", "export": "D"}},
        {"entity_type": "leads", "pipeline_id": 1, "status_id": 142, "rights": {"view": "A", "edit": "D", "delete": "D", "export": "A"}}
    ]);
    let mut inactive = rights(["A", "A"], ["A", "A"], ["A", "A"], "A", 0);
    inactive["is_active"] = json!(false);
    vec![
        json!({"id": USER_ANNA, "name": "Анна Смирнова", "email": "anna@example.ru", "lang": "ru", "rights": admin(0)}),
        json!({"id": USER_JOHN, "name": "John Carter", "email": "john@example.com", "lang": "en", "rights": admin(1)}),
        json!({"id": USER_MARIA, "name": "Мария Орлова", "email": "maria@example.ru", "lang": "ru",
            "rights": rights(["G", "M"], ["D", "D"], ["D", "D"], "M", 1)}),
        json!({"id": USER_PAVEL, "name": "Павел Ким", "email": "pavel@example.ru", "lang": "ru",
            "rights": with_catalogs(rights(["M", "M"], ["M", "M"], ["A", "A"], "M", 0))}),
        json!({"id": USER_OLGA, "name": "Olga Reader", "email": "olga@example.com", "lang": "en",
            "rights": rights(["A", "D"], ["A", "D"], ["A", "D"], "D", 0)}),
        json!({"id": USER_OLEG, "name": "Олег Этапов", "email": "oleg@example.ru", "lang": "ru", "rights": oleg}),
        json!({"id": USER_INACTIVE, "name": "Уволенный сотрудник", "email": "gone@example.ru", "lang": "ru", "rights": inactive}),
        json!({"id": USER_LUCIA, "name": "Lucía Fernández", "email": "lucia@example.com", "lang": "es", "rights": admin(0)}),
        json!({"id": USER_JOAO, "name": "João Oliveira", "email": "joao@example.com", "lang": "pt_BR", "rights": admin(0)}),
        json!({"id": USER_AYSE, "name": "Ayşe Yılmaz", "email": "ayse@example.com", "lang": "tr", "rights": admin(0)}),
        json!({"id": USER_PUTRI, "name": "Putri Wulandari", "email": "putri@example.com", "lang": "id", "rights": admin(0)}),
    ]
}

fn phone(v: &str, code: &str) -> Value {
    json!({"value": v, "enum_id": 1, "enum_code": code})
}

pub fn contacts() -> Vec<Value> {
    vec![
        json!({"id": 2001, "name": "Иван Петров", "first_name": "Иван", "last_name": "Петров", "responsible_user_id": USER_ANNA,
        "custom_fields_values": [
            {"field_id": 1, "field_name": "Должность", "field_code": "POSITION", "field_type": "text", "values": [{"value": "Директор по закупкам"}]},
            {"field_id": 2, "field_name": "Телефон", "field_code": "PHONE", "field_type": "multitext", "values": [phone("+7 900 123-45-67", "WORK"), phone("+7 (495) 000-00-00", "MOB")]},
            {"field_id": 3, "field_name": "Email", "field_code": "EMAIL", "field_type": "multitext", "values": [{"value": "ivan@example.ru", "enum_id": 5, "enum_code": "WORK"}]}
        ]}),
        json!({"id": 2002, "name": "Jane Doe", "responsible_user_id": USER_JOHN, "custom_fields_values": [
            {"field_id": 2, "field_name": "Phone", "field_code": "PHONE", "field_type": "multitext", "values": [phone("+1 415 555 0100", "WORK")]},
            {"field_id": 3, "field_name": "Email", "field_code": "EMAIL", "field_type": "multitext", "values": [{"value": "jane@example.com", "enum_code": "PRIV"}]}
        ]}),
        json!({"id": 2003, "name": hostile_name(), "custom_fields_values": [
            {"field_id": 2, "field_name": "Телефон", "field_code": "PHONE", "field_type": "multitext", "values": [phone("javascript:alert(1)", "WORK")]},
            {"field_id": 3, "field_name": "Email", "field_code": "EMAIL", "field_type": "multitext", "values": [{"value": "\"><img src=x onerror=alert(1)>@x.io", "enum_code": "WORK"}]}
        ]}),
        json!({"id": 2004, "name": "Сергей Волков", "responsible_user_id": USER_PAVEL, "custom_fields_values": [
            {"field_id": 2, "field_name": "Телефон", "field_code": "PHONE", "field_type": "multitext", "values": [phone("+7 916 555-12-34", "MOB")]}
        ]}),
    ]
}

pub fn companies() -> Vec<Value> {
    vec![
        json!({"id": 3001, "name": "ООО «Ромашка»", "responsible_user_id": USER_ANNA, "custom_fields_values": [
            {"field_id": 2, "field_name": "Телефон", "field_code": "PHONE", "field_type": "multitext", "values": [phone("+7 812 111-22-33", "WORK")]},
            {"field_id": 9, "field_name": "Web", "field_code": "WEB", "field_type": "url", "values": [{"value": "https://romashka.example"}]}
        ]}),
    ]
}

/// The account's custom field definitions of `entity` (`leads`, `customers`),
/// as `GET /api/v4/{entity}/custom_fields` lists them: those the samples fill,
/// and a few they leave empty.
/// The contacts' e-mail field, required for "Договор подписан".
pub const CONTACT_EMAIL: i64 = 3;

pub fn custom_field_defs(entity: &str) -> Vec<Value> {
    let values: Vec<Value> = match entity {
        "leads" => lead_fields().as_array().cloned().unwrap_or_default(),
        "customers" | "contacts" | "companies" => {
            let records = match entity {
                "customers" => customers(0),
                "contacts" => contacts(),
                _ => companies(),
            };
            records
                .iter()
                .flat_map(|c| {
                    c["custom_fields_values"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default()
                })
                .collect()
        }
        _ => Vec::new(),
    };
    let mut defs: Vec<Value> = Vec::new();
    for v in values {
        if defs.iter().any(|d| d["id"] == v["field_id"]) {
            continue;
        }
        defs.push(
            json!({"id": v["field_id"], "name": v["field_name"], "type": v["field_type"],
            "code": v["field_code"], "sort": 500 + defs.len() * 10, "is_api_only": false,
            "entity_type": entity, "enums": field_enums(v["field_id"].as_i64().unwrap_or(0))}),
        );
    }
    if entity == "contacts" {
        // A deal enters "Договор подписан" only when its contact has an
        // e-mail (the sample lead's has; Pavel's client has not).
        for d in defs.iter_mut().filter(|d| d["id"] == CONTACT_EMAIL) {
            d["required_statuses"] = json!([{"status_id": STAGE_SIGNED, "pipeline_id": 1}]);
        }
    }
    if entity == "leads" {
        defs.push(
            // custom-fields.md `required_statuses`: a deal enters "Договор
            // подписан" only with its contract number.
            json!({"id": FIELD_CONTRACT, "name": "Номер договора", "type": "text", "code": null,
            "sort": 700, "is_api_only": false, "entity_type": "leads",
            "required_statuses": [{"status_id": STAGE_SIGNED, "pipeline_id": 1}]}),
        );
        defs.push(
            json!({"id": 115, "name": "Город", "type": "text", "code": null,
            "sort": 710, "is_api_only": false, "entity_type": "leads"}),
        );
    }
    defs
}

/// The options of the sample select and multiselect fields (`null` for other
/// fields, as amoCRM sends it).
fn field_enums(field_id: i64) -> Value {
    let options: &[(i64, &str)] = match field_id {
        101 => &[(1, "Сайт"), (4, "Звонок"), (5, "Рекомендация")],
        102 => &[(2, "Монтаж"), (3, "Доставка"), (6, "Проектирование")],
        130 => &[(7, "Франшиза"), (8, "Своя сеть")],
        _ => return Value::Null,
    };
    let enums: Vec<Value> = options
        .iter()
        .enumerate()
        .map(|(i, (id, value))| json!({"id": id, "value": value, "sort": (i + 1) * 10}))
        .collect();
    Value::Array(enums)
}

/// The layout the demo ships for its sample pipeline (1), saved by Anna: the
/// warehouse address, the area and the source first, the delivery date
/// beside the price; the area and the source editable; stale after 14 days
/// in "Переговоры", 30 in "Принимают решение".
pub fn demo_layout() -> crate::model::Layout {
    crate::model::Layout {
        fields: vec![108, 110, 101],
        header: Some(103),
        sections: crate::model::SectionOrder::default(),
        // The area and the source can be changed from the phone; the
        // address is a type the card only shows.
        editable: vec![110, 101],
        // The sample stale deal (45 days in "Принимают решение") reads stale; the
        // sample lead (6 days in its stage) does not.
        stale_days: crate::model::StaleDays::parse("11:14,12:30").unwrap_or_default(),
    }
}

/// The sample lead's custom fields, in amoCRM's order.
pub fn lead_fields() -> Value {
    json!([
        {"field_id": 101, "field_name": "Источник", "field_code": null, "field_type": "select", "values": [{"value": "Сайт", "enum_id": 1}]},
        {"field_id": 102, "field_name": "Услуги", "field_code": null, "field_type": "multiselect", "values": [{"value": "Монтаж", "enum_id": 2}, {"value": "Доставка", "enum_id": 3}]},
        {"field_id": 103, "field_name": "Дата поставки", "field_code": null, "field_type": "date", "values": [{"value": 1_767_225_600}]},
        {"field_id": 104, "field_name": "Встреча", "field_code": null, "field_type": "date_time", "values": [{"value": 1_767_268_800}]},
        {"field_id": 105, "field_name": "Предоплата получена", "field_code": null, "field_type": "checkbox", "values": [{"value": true}]},
        {"field_id": 106, "field_name": "Бюджет монтажа", "field_code": null, "field_type": "monetary", "values": [{"value": 250000}]},
        {"field_id": 107, "field_name": "Сайт клиента", "field_code": null, "field_type": "url", "values": [{"value": "https://client.example/path?q=1"}]},
        {"field_id": 108, "field_name": "Адрес склада", "field_code": null, "field_type": "smart_address", "values": [{"value": "Москва, ул. Складская, 1", "enum_code": "address_line_1"}]},
        {"field_id": 109, "field_name": "Комментарий", "field_code": null, "field_type": "textarea", "values": [{"value": "Нужен пропуск\nВъезд с торца"}]},
        {"field_id": 110, "field_name": "Площадь, м²", "field_code": null, "field_type": "numeric", "values": [{"value": "1250.5"}]},
        {"field_id": 111, "field_name": "Пустое поле", "field_code": null, "field_type": "text", "values": []},
        {"field_id": 112, "field_name": "utm_source", "field_code": "UTM_SOURCE", "field_type": "tracking_data", "values": [{"value": "yandex"}]},
        {"field_id": 113, "field_name": "Голограмма", "field_code": null, "field_type": "hologram", "values": [{"value": {"x": 1}}]}
    ])
}

pub fn leads(now: i64) -> Vec<Value> {
    vec![
        json!({"id": LEAD_RU, "name": "Поставка оборудования для склада", "price": 1_500_000,
            "responsible_user_id": USER_ANNA, "group_id": 0, "status_id": 11, "pipeline_id": 1,
            "created_by": USER_ANNA, "updated_by": USER_ANNA, "created_at": now - 10 * 86_400, "updated_at": now - 3_600,
            "closed_at": null, "closest_task_at": now - 7_200, "is_deleted": false, "account_id": ACCOUNT_ID,
            "custom_fields_values": lead_fields(),
            "_embedded": {"tags": [{"id": 1, "name": "VIP", "color": null}, {"id": 2, "name": "опт", "color": null}],
                "companies": [{"id": 3001}], "contacts": [{"id": 2002, "is_main": false}, {"id": 2001, "is_main": true}],
                "catalog_elements": process::lead_products()}}),
        json!({"id": LEAD_EN_WON, "name": "Website redesign", "price": 48_000, "responsible_user_id": USER_JOHN,
            "status_id": 142, "pipeline_id": 2, "created_at": now - 40 * 86_400, "updated_at": now - 86_400,
            "closed_at": now - 86_400, "closest_task_at": null, "is_deleted": false, "custom_fields_values": null,
            "_embedded": {"tags": [], "companies": [], "contacts": [{"id": 2002, "is_main": true}]}}),
        json!({"id": LEAD_HOSTILE, "name": hostile_name(), "price": 0, "responsible_user_id": 999_999,
            "status_id": 10, "pipeline_id": 1, "created_at": now - 100, "updated_at": now - 50,
            "closest_task_at": null, "is_deleted": false,
            "custom_fields_values": [{"field_id": 120, "field_name": "<i>поле</i>", "field_type": "text", "values": [{"value": hostile_name()}]}],
            "_embedded": {"tags": [{"id": 3, "name": "<b>тег</b>"}], "companies": [], "contacts": [{"id": 2003, "is_main": true}]}}),
        json!({"id": LEAD_DELETED, "name": "Удалённая", "is_deleted": true, "status_id": 10, "pipeline_id": 1, "_embedded": {}}),
        json!({"id": LEAD_LOST_BARE, "name": "Закрытая сделка", "price": null, "responsible_user_id": USER_ANNA,
            "status_id": 143, "pipeline_id": 1, "created_at": now - 5 * 86_400, "updated_at": now - 86_400,
            "closed_at": now - 86_400, "closest_task_at": null, "is_deleted": false, "custom_fields_values": null,
            "_embedded": {"tags": [], "companies": [], "contacts": []}}),
        json!({"id": LEAD_PAVEL, "name": "Монтаж вентиляции", "price": 320_000, "responsible_user_id": USER_PAVEL,
            "status_id": 10, "pipeline_id": 1, "created_at": now - 3 * 86_400, "updated_at": now - 7_200,
            "closest_task_at": now + 86_400, "is_deleted": false, "custom_fields_values": null,
            "_embedded": {"tags": [], "companies": [{"id": 3001}], "contacts": [{"id": 2004, "is_main": true}, {"id": 2001, "is_main": false}]}}),
        json!({"id": LEAD_STALE, "name": "Стеллажи для второго склада", "price": 240_000, "responsible_user_id": USER_ANNA,
            "status_id": 12, "pipeline_id": 1, "created_at": now - 60 * 86_400, "updated_at": now - 38 * 86_400,
            "closest_task_at": null, "is_deleted": false, "custom_fields_values": null,
            "_embedded": {"tags": [], "companies": [], "contacts": [{"id": 2001, "is_main": true}]}}),
    ]
}

pub fn customers(now: i64) -> Vec<Value> {
    vec![
        json!({"id": CUSTOMER, "name": "Сеть кофеен «Зерно»", "next_price": 120_000, "next_date": now + 5 * 86_400,
        "responsible_user_id": USER_ANNA, "status_id": 501, "periodicity": 30, "created_at": now - 200 * 86_400,
        "updated_at": now - 86_400, "closest_task_at": now + 86_400, "is_deleted": false, "ltv": 1_440_000,
        "purchases_count": 12, "average_check": 120_000,
        "custom_fields_values": [{"field_id": 130, "field_name": "Формат", "field_type": "select", "values": [{"value": "Франшиза", "enum_id": 7}]}],
        "_embedded": {"tags": [], "segments": [{"id": 1}], "contacts": [{"id": 2001, "is_main": true}], "companies": [{"id": 3001}]}}),
    ]
}

pub fn tasks(now: i64) -> Vec<Value> {
    vec![
        json!({"id": 9001, "text": "Позвонить и уточнить сроки", "complete_till": now - 7_200, "entity_id": LEAD_RU,
            "entity_type": "leads", "responsible_user_id": USER_ANNA, "is_completed": false, "task_type_id": 1}),
        json!({"id": 9002, "text": "Send the contract draft", "complete_till": now + 2 * 86_400, "entity_id": LEAD_RU,
            "entity_type": "leads", "responsible_user_id": USER_JOHN, "is_completed": false, "task_type_id": 2}),
        json!({"id": 9004, "text": "Согласовать смету", "complete_till": now + 86_400, "entity_id": LEAD_PAVEL,
            "entity_type": "leads", "responsible_user_id": USER_PAVEL, "is_completed": false, "task_type_id": 1}),
        json!({"id": 9005, "text": "Проверить оплату", "complete_till": now + 2 * 86_400, "entity_id": LEAD_PAVEL,
            "entity_type": "leads", "responsible_user_id": USER_ANNA, "is_completed": false, "task_type_id": 1}),
        json!({"id": 9003, "text": "Напомнить о закупке", "complete_till": now + 86_400, "entity_id": CUSTOMER,
            "entity_type": "customers", "responsible_user_id": USER_ANNA, "is_completed": false, "task_type_id": 1}),
    ]
}

/// The demo's users, by what their amoCRM rights let them do.
pub const USERS: [(i64, &str); 11] = [
    (USER_ANNA, "Anna: admin"),
    (USER_JOHN, "John: admin, English"),
    (USER_MARIA, "Maria: group leads, no contacts"),
    (USER_PAVEL, "Pavel: own leads and contacts"),
    (USER_OLGA, "Olga: read-only"),
    (USER_OLEG, "Oleg: stage rights"),
    (USER_INACTIVE, "inactive user"),
    (USER_LUCIA, "Lucía: admin, Español"),
    (USER_JOAO, "João: admin, Português"),
    (USER_AYSE, "Ayşe: admin, Türkçe"),
    (USER_PUTRI, "Putri: admin, Bahasa Indonesia"),
];

/// The record a demo card of this kind opens when none is named.
pub fn sample_record(kind: EntityKind) -> i64 {
    match kind {
        EntityKind::Lead => LEAD_RU,
        EntityKind::Customer => CUSTOMER,
    }
}
