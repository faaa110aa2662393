use std::sync::Arc;
use std::time::{Duration, Instant};

use amo_mobile_card::demo::fake::Faults;
use amo_mobile_card::demo::fixtures::{
    ACCOUNT_ID, ACCOUNT_NO_CUSTOMERS, CUSTOMER, LEAD_DELETED, LEAD_EN_WON, LEAD_RU,
};
use amo_mobile_card::model::EntityKind;
use amo_mobile_card::server::amo::writes::NewTask;
use amo_mobile_card::server::amo::{AmoClient, AmoError};
use futures::future::join_all;
use sqlx::PgPool;

use crate::helpers::{spawn, Spawn, TestApp};

async fn client(app: &TestApp) -> AmoClient {
    let pool = PgPool::connect(&app.database_url).await.unwrap();
    AmoClient::new(Arc::new(app.accounts(pool)))
}

#[tokio::test]
async fn every_endpoint_parses() {
    let app = spawn(Spawn::app()).await;
    let amo = client(&app).await;
    let lead = amo.lead(ACCOUNT_ID, LEAD_RU).await.unwrap();
    assert_eq!(lead.price, Some(1_500_000.0));
    assert_eq!(lead.embedded.contacts.len(), 2);
    assert!(lead.custom_fields_values.len() > 10);
    let customer = amo.customer(ACCOUNT_ID, CUSTOMER).await.unwrap();
    assert_eq!(customer.purchases_count, Some(12));
    let contacts = amo.contacts(ACCOUNT_ID, &[2001, 2002]).await.unwrap();
    assert_eq!(contacts.len(), 2);
    assert!(amo.company(ACCOUNT_ID, 3001).await.unwrap().is_some());
    assert!(amo.company(ACCOUNT_ID, 999).await.unwrap().is_none());
    assert_eq!(amo.pipelines(ACCOUNT_ID).await.unwrap().len(), 2);
    assert_eq!(amo.users(ACCOUNT_ID).await.unwrap().len(), 11);
    assert!(amo.users(ACCOUNT_ID).await.unwrap()[0].rights.is_some());
    assert_eq!(amo.customer_statuses(ACCOUNT_ID).await.unwrap().len(), 2);
    let account = amo.account(ACCOUNT_ID).await.unwrap();
    assert!(account.customers_enabled());
    assert_eq!(account.timezone(), Some("Europe/Moscow"));
    assert_eq!(
        amo.open_tasks(ACCOUNT_ID, EntityKind::Lead, LEAD_RU)
            .await
            .unwrap()
            .len(),
        2
    );
    assert!(amo
        .open_tasks(ACCOUNT_ID, EntityKind::Lead, LEAD_EN_WON)
        .await
        .unwrap()
        .is_empty());
    amo.add_note(ACCOUNT_ID, EntityKind::Lead, LEAD_RU, "Заметка", 7_000_001)
        .await
        .unwrap();
    assert_eq!(app.fake.notes().len(), 1);
    let task = NewTask {
        kind: EntityKind::Lead,
        entity_id: LEAD_RU,
        text: "Call".into(),
        complete_till: 1_900_000_000,
        task_type_id: 1,
        responsible_user_id: 7_000_001,
        created_by: 7_000_001,
    };
    amo.add_task(ACCOUNT_ID, &task).await.unwrap();
    assert!(app
        .fake
        .tasks()
        .iter()
        .any(|t| t["text"] == "Call" && t["created_by"] == 7_000_001));
    amo.complete_task(ACCOUNT_ID, 9001, "Done").await.unwrap();
    let tasks = app.fake.tasks();
    assert!(tasks
        .iter()
        .any(|t| t["id"] == 9001 && t["is_completed"] == true));
}

#[tokio::test]
async fn every_error_kind_is_typed() {
    let app = spawn(Spawn::app()).await;
    let amo = client(&app).await;
    assert_eq!(
        amo.lead(ACCOUNT_ID, 424_242).await.unwrap_err(),
        AmoError::NotFound,
        "204"
    );
    assert_eq!(
        amo.lead(ACCOUNT_ID, LEAD_DELETED).await.unwrap_err(),
        AmoError::NotFound
    );
    assert_eq!(
        amo.customer(ACCOUNT_ID, 424_242).await.unwrap_err(),
        AmoError::NotFound,
        "404"
    );
    assert_eq!(
        amo.lead(999, LEAD_RU).await.unwrap_err(),
        AmoError::NotInstalled
    );
    let cases = [
        (
            Faults {
                html_403: true,
                ..Default::default()
            },
            AmoError::NoAccess,
        ),
        (
            Faults {
                status: Some(500),
                ..Default::default()
            },
            AmoError::Unavailable,
        ),
        (
            Faults {
                status: Some(503),
                ..Default::default()
            },
            AmoError::Unavailable,
        ),
        (
            Faults {
                status: Some(402),
                ..Default::default()
            },
            // Outside the customers endpoints 402 is "the account is not paid".
            AmoError::AccountUnpaid,
        ),
        (
            Faults {
                malformed_json: true,
                ..Default::default()
            },
            AmoError::BadResponse,
        ),
    ];
    for (faults, want) in cases {
        app.fake.set_faults(faults.clone());
        assert_eq!(
            amo.lead(ACCOUNT_ID, LEAD_RU).await.unwrap_err(),
            want,
            "{faults:?}"
        );
    }
    // 503 is retried (3 attempts), 500 is not.
    app.fake.reset_counts();
    app.fake.set_faults(Faults {
        status: Some(503),
        ..Default::default()
    });
    let _ = amo.lead(ACCOUNT_ID, LEAD_RU).await;
    assert_eq!(app.fake.count("GET /api/v4/leads/{id}"), 3);
    app.fake.reset_counts();
    app.fake.set_faults(Faults {
        status: Some(500),
        ..Default::default()
    });
    let _ = amo.lead(ACCOUNT_ID, LEAD_RU).await;
    assert_eq!(app.fake.count("GET /api/v4/leads/{id}"), 1);
    // Writes are never retried.
    app.fake.reset_counts();
    app.fake.set_faults(Faults {
        status: Some(503),
        ..Default::default()
    });
    assert!(amo
        .add_note(ACCOUNT_ID, EntityKind::Lead, LEAD_RU, "x", 1)
        .await
        .is_err());
    assert_eq!(app.fake.count("POST /api/v4/{entity}/{id}/notes"), 1);
    app.fake.set_faults(Faults::default());
    // Customers disabled by account mode.
    let code = app.fake.issue_code(ACCOUNT_NO_CUSTOMERS);
    amo.accounts()
        .install("other.amocrm.ru", &code)
        .await
        .unwrap();
    assert_eq!(
        amo.customer(ACCOUNT_NO_CUSTOMERS, CUSTOMER)
            .await
            .unwrap_err(),
        AmoError::CustomersDisabled
    );
}

#[tokio::test]
async fn a_hanging_amocrm_times_out_as_unavailable() {
    let app = spawn(Spawn::app()).await;
    let amo = client(&app).await;
    app.fake.set_faults(Faults {
        hang: true,
        ..Default::default()
    });
    let started = Instant::now();
    assert_eq!(
        amo.lead(ACCOUNT_ID, LEAD_RU).await.unwrap_err(),
        AmoError::Unavailable
    );
    // Within the GET deadline plus one request timeout.
    assert!(started.elapsed() < Duration::from_secs(16));
}

#[tokio::test]
async fn a_burst_never_exceeds_seven_per_second() {
    let app = spawn(Spawn::app()).await;
    let amo = Arc::new(client(&app).await);
    // This client's limiter is separate from the app's (like another process):
    // let the install's request leave amoCRM's window first.
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    let started = Instant::now();
    let calls = (0..30).map(|_| {
        let amo = amo.clone();
        async move { amo.users(ACCOUNT_ID).await }
    });
    let results = join_all(calls).await;
    assert!(
        results.iter().all(Result::is_ok),
        "callers wait instead of failing"
    );
    assert!(
        started.elapsed() >= Duration::from_millis(3_900),
        "{:?}",
        started.elapsed()
    );
    assert!(
        app.fake.peak_per_second() <= 7,
        "peak {}",
        app.fake.peak_per_second()
    );
    assert_eq!(app.fake.count("GET /api/v4/users"), 30, "no 429 retries");
}
