//! The layout editor: an account admin shapes the card for one scope. It is
//! one GET form whose buttons each name a step (`op`), so every step works
//! without script and the address holds the draft; Save posts the draft to
//! `/api/save_layout` with the version it started from.

use leptos::prelude::*;

use crate::contract::endpoint;
use crate::i18n::{fill, Lang};
use crate::model::{Layout, LayoutOp, Section, StaleDays};
use crate::server::amo::field_defs::FieldDef;

pub struct EditorView {
    pub lang: Lang,
    /// `pipeline:<id>` or `customers`.
    pub scope: String,
    /// The stored version the draft started from (0: none yet).
    pub version: i32,
    pub draft: Layout,
    /// The fields amoCRM defines for the scope's entity, in amoCRM's order.
    pub defs: Vec<FieldDef>,
    /// The pipeline's open stages (id, name), each of which may go stale;
    /// none for customers.
    pub stages: Vec<(i64, String)>,
    /// The card session's masked CSRF value and a fresh idempotency key.
    pub csrf: String,
    pub key: String,
}

pub(super) const STYLE: &str = "
:root{color-scheme:light dark;--bg:#f2f2f7;--card:#fff;--label:#000;--label-2:#3c3c43;--sep:#c6c6c8;--tint:#0066d6;--fill:#0066d6}
@media (prefers-color-scheme:dark){:root{--bg:#000;--card:#1c1c1e;--label:#fff;--label-2:#ebebf5;--sep:#38383a;--tint:#409cff}}
body{margin:0;background:var(--bg);color:var(--label);font:17px/1.35 -apple-system,system-ui,sans-serif}
main{max-width:40rem;margin:0 auto;padding:12px 16px 32px}
h1{font-size:28px;margin:8px 0}
h2{font-size:13px;font-weight:400;text-transform:uppercase;color:var(--label-2);margin:24px 16px 6px}
p.hint{font-size:13px;color:var(--label-2);margin:6px 16px}
ol,ul{list-style:none;margin:0;padding:0;background:var(--card);border-radius:10px}
li{display:flex;flex-wrap:wrap;align-items:center;gap:6px 8px;padding:10px 16px;border-bottom:.5px solid var(--sep);overflow-wrap:anywhere}
li:last-child{border-bottom:0}
input[type=number]{font:inherit;width:5.5rem;min-height:44px;padding:0 8px;border:.5px solid var(--sep);border-radius:8px;background:var(--bg);color:var(--label)}
.name{flex:1 1 10rem}
.type,.marker{font-size:13px;color:var(--label-2)}
button{font:inherit;font-size:15px;min-height:44px;padding:0 10px;border:0;border-radius:8px;background:transparent;color:var(--tint);cursor:pointer}
button.save{display:block;width:100%;margin-top:24px;background:var(--fill);color:#fff;font-weight:600}
a{color:var(--tint)}
.preview{background:var(--card);border-radius:10px;padding:12px 16px}
.preview p{margin:4px 0}
";

fn op_button(op: LayoutOp, text: &'static str, about: &str) -> impl IntoView {
    view! { <button type="submit" name="op" value=op.code() aria-label=format!("{text}: {about}")>{text}</button> }
}

#[component]
pub fn LayoutEditor(page: EditorView) -> impl IntoView {
    let EditorView {
        lang,
        scope,
        version,
        draft,
        defs,
        stages,
        csrf,
        key,
    } = page;
    let t = lang.layout();
    let def_of = |id: i64| defs.iter().find(|d| d.id == id);
    let name_of = |id: i64| def_of(id).map_or_else(|| format!("#{id}"), |d| d.name.clone());
    let full = draft.fields.len() >= Layout::MAX_FIELDS;
    let keys = draft
        .fields
        .iter()
        .map(|id| {
            let (id, name) = (*id, name_of(*id));
            let is_header = draft.header == Some(id);
            let te = lang.edit();
            // Editable on the phone: a toggle for a type the card edits, a plain word otherwise.
            let edit_mark = match (
                def_of(id).and_then(crate::server::edit::control).is_some(),
                draft.editable.contains(&id),
            ) {
                (true, true) => view! {
                    <span class="marker" data-editable-mark>{te.editable}</span>
                    {op_button(LayoutOp::Locked(id), te.view_only, &name)}
                }
                .into_any(),
                (true, false) => op_button(LayoutOp::Editable(id), te.editable, &name).into_any(),
                (false, _) => {
                    // Why not: amoCRM computes it, only integrations write it, or its type.
                    let why = match def_of(id) {
                        Some(d) if d.is_computed => te.computed_field,
                        Some(d) if d.is_api_only => te.api_only_field,
                        _ => te.read_only_type,
                    };
                    view! { <span class="marker">{why}</span> }.into_any()
                }
            };
            view! {
                <li data-field-id=id>
                    <span class="name">{name.clone()}</span>
                    <span class="type">{def_of(id).map(|d| lang.field_type(d.field_type))}</span>
                    {is_header.then(|| view! { <span class="marker">{t.header_field}</span> })}
                    {edit_mark}
                    {op_button(LayoutOp::Up(id), t.up, &name)}
                    {op_button(LayoutOp::Down(id), t.down, &name)}
                    {(!is_header).then(|| op_button(LayoutOp::Header(Some(id)), t.make_header, &name))}
                    {op_button(LayoutOp::Remove(id), t.remove, &name)}
                </li>
            }
        })
        .collect_view();
    let others = defs
        .iter()
        .filter(|d| !draft.fields.contains(&d.id))
        .map(|d| {
            let is_header = draft.header == Some(d.id);
            view! {
                <li data-field-id=d.id>
                    <span class="name">{d.name.clone()}</span>
                    <span class="type">{lang.field_type(d.field_type)}</span>
                    {is_header.then(|| view! { <span class="marker">{t.header_field}</span> })}
                    {(!full).then(|| op_button(LayoutOp::Add(d.id), t.add, &d.name))}
                    {(!is_header).then(|| op_button(LayoutOp::Header(Some(d.id)), t.make_header, &d.name))}
                </li>
            }
        })
        .collect_view();
    let sections = draft
        .sections
        .entries()
        .iter()
        .map(|(section, shown)| {
            let (section, shown) = (*section, *shown);
            let name = lang.section(section);
            let toggle = if shown {
                op_button(LayoutOp::Hide(section), t.hide, name).into_any()
            } else {
                op_button(LayoutOp::Show(section), t.show, name).into_any()
            };
            view! {
                <li data-layout-section=section.code() data-shown=shown.to_string()>
                    <span class="name">{name}</span>
                    {(!shown).then(|| view! { <span class="marker">{t.hidden}</span> })}
                    {op_button(LayoutOp::SectionUp(section), t.up, name)}
                    {op_button(LayoutOp::SectionDown(section), t.down, name)}
                    {toggle}
                </li>
            }
        })
        .collect_view();
    // The card's shape as the draft would give it.
    let preview_header = draft.header.map(&name_of);
    let preview_keys: Vec<String> = draft.fields.iter().map(|id| name_of(*id)).collect();
    let preview_sections: Vec<&str> = draft
        .sections
        .shown()
        .into_iter()
        .map(|s: Section| lang.section(s))
        .collect();
    // One number per open stage; they belong to the Save form (`form=`), so
    // what the admin types is what Save sends.
    let stale = (!stages.is_empty()).then(|| {
        let rows = stages
            .iter()
            .map(|(id, name)| {
                let days = draft.stale_days.get(*id).map(|d| d.to_string());
                view! {
                    <li data-stale-stage=*id>
                        <label class="name" for=format!("stale-{id}")>{name.clone()}</label>
                        <input type="number" inputmode="numeric" min="1" max=StaleDays::MAX_DAYS
                            id=format!("stale-{id}") name=format!("stale_{id}") form="save-layout"
                            value=days aria-label=fill(t.stale_days_of, &[("stage", name)]) />
                    </li>
                }
            })
            .collect_view();
        view! {
            <h2>{t.stale_title}</h2>
            <p class="hint">{t.stale_hint}</p>
            <ul data-layout-stale>{rows}</ul>
        }
    });
    let (fields, header, sections_code, editable, stale_code) = (
        draft.fields_code(),
        draft.header_code(),
        draft.sections.code(),
        draft.editable_code(),
        draft.stale_days.code(),
    );
    let hidden = move || {
        view! {
            <input type="hidden" name="scope" value=scope.clone() />
            <input type="hidden" name="fields" value=fields.clone() />
            <input type="hidden" name="header" value=header.clone() />
            <input type="hidden" name="sections" value=sections_code.clone() />
            <input type="hidden" name="editable" value=editable.clone() />
            <input type="hidden" name="stale_days" value=stale_code.clone() />
        }
    };
    view! {
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{t.title}</title>
                <style>{STYLE}</style>
            </head>
            <body>
                <main data-layout-editor>
                    <a href="/">{t.back}</a>
                    <h1>{t.title}</h1>
                    <form method="get" action="/layout" id="draft">
                        {hidden()}
                        <input type="hidden" name="version" value=version />
                        <input type="hidden" name="draft" value="1" />
                        <h2>{t.key_fields}</h2>
                        <p class="hint">{fill(t.key_fields_hint, &[("max", &Layout::MAX_FIELDS.to_string())])}</p>
                        <ol data-layout-keys>{keys}</ol>
                        <h2>{t.header_field}</h2>
                        <ul>
                            <li>
                                <span class="name">{preview_header.clone().unwrap_or_else(|| t.no_header.to_owned())}</span>
                                {draft.header.is_some().then(|| op_button(LayoutOp::Header(None), t.remove, t.header_field))}
                            </li>
                        </ul>
                        <h2>{t.other_fields}</h2>
                        <ul data-layout-others>{others}</ul>
                        <h2>{t.sections}</h2>
                        <ol>{sections}</ol>
                    </form>
                    {stale}
                    <h2>{t.preview}</h2>
                    <div class="preview" data-layout-preview>
                        {preview_header.map(|h| view! { <p><strong>{h}</strong></p> })}
                        {preview_keys.into_iter().map(|k| view! { <p>{k}</p> }).collect_view()}
                        <p class="hint">{preview_sections.join(" · ")}</p>
                    </div>
                    <form method="post" action=endpoint::SAVE_LAYOUT id="save-layout">
                        {hidden()}
                        <input type="hidden" name="version" value=version />
                        <input type="hidden" name="csrf" value=csrf />
                        <input type="hidden" name="key" value=key />
                        <button type="submit" class="save">{lang.actions().save}</button>
                    </form>
                </main>
            </body>
        </html>
    }
}
