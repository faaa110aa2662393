use leptos::prelude::*;

use crate::components::actions::{CompleteTask, QuickActions};
use crate::components::call_log::CallSheet;
use crate::components::controls::CardControls;
use crate::components::edit::EditableRow;
use crate::components::history::HistorySection;
use crate::components::stage::pill_class;
use crate::components::strip::StatusStrip;
use crate::contract::{page, role};
use crate::i18n::Lang;
use crate::model::{
    CardProblem, CardSessionInfo, CardView, ContactView, Link, Row, Section, TaskView,
};
use crate::page::CardLoader;

/// Custom fields shown before "show all".
const FIELDS_VISIBLE: usize = 5;

/// The card page: a skeleton goes out with the shell; the card streams in
/// (in order, so it is complete HTML without JavaScript) when amoCRM answers.
#[component]
pub fn CardPage(session: CardSessionInfo, lang: Lang) -> impl IntoView {
    let loader = use_context::<CardLoader>();
    let csrf = session.csrf.clone();
    let entity = session.entity.api_name();
    let entity_id = session.entity_id;
    view! {
        <div class="card-slot" data-entity=entity data-entity-id=entity_id>
            <CardSkeleton />
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    let result = match &loader {
                        Some(l) => l.load().await,
                        None => Err(CardProblem::Unavailable),
                    };
                    view! { <CardContent result lang csrf=csrf.clone() /> }
                })}
            </Suspense>
        </div>
        {session.can_log_calls.then(|| view! { <CallSheet csrf=session.csrf.clone() lang /> })}
        <CardControls>
            <RefreshLink csrf=session.csrf lang />
        </CardControls>
    }
}

/// Reloads the card: a plain link to it without script (the session cookie
/// brings the same card back), swapped in place by the island.
#[component]
fn RefreshLink(csrf: String, lang: Lang) -> impl IntoView {
    let t = lang.card();
    view! {
        <a class="button refresh" href="/" role="button" aria-busy="false" data-csrf=csrf
            data-enhance=role::REFRESH
            data-busy-label=t.refreshing data-failed=t.refresh_failed>
            {t.refresh}
        </a>
        <span class="refresh-error" role="status" data-enhance=role::REFRESH_STATUS></span>
    }
}

#[component]
fn CardSkeleton() -> impl IntoView {
    view! {
        <div class="skeleton" aria-hidden="true">
            <div class="sk-line sk-title"></div>
            <div class="sk-line sk-short"></div>
            <div class="sk-block"></div>
            <div class="sk-block"></div>
        </div>
    }
}

/// The card, or why it cannot be shown. Also rendered alone by the refresh server function.
#[component]
pub fn CardContent(
    result: Result<CardView, CardProblem>,
    lang: Lang,
    csrf: String,
) -> impl IntoView {
    match result {
        Ok(card) => view! { <CardBody card lang csrf /> }.into_any(),
        Err(problem) => view! { <ProblemView problem lang /> }.into_any(),
    }
}

#[component]
fn ProblemView(problem: CardProblem, lang: Lang) -> impl IntoView {
    use CardProblem::*;
    let (title, text) = lang.problem(problem);
    let retry = matches!(problem, Unavailable | RateLimited);
    view! {
        <section class="card-content problem" data-card-state=problem.code() aria-live="polite"
            data-enhance=role::CARD>
            <div class="blocked-icon" aria-hidden="true">"!"</div>
            <h1 class="blocked-title">{title}</h1>
            <p class="blocked-action">{text}</p>
            {retry.then(|| view! { <a class="button" href="/">{lang.card().try_again}</a> })}
        </section>
    }
}

#[component]
fn CardBody(card: CardView, lang: Lang, csrf: String) -> impl IntoView {
    let CardView {
        kind,
        id,
        name,
        headline,
        header_field,
        status,
        pipeline,
        pipeline_id,
        tags,
        details,
        contacts,
        company,
        tasks,
        key_fields,
        fields,
        sections,
        choices,
        allowed,
        withheld,
        history,
        strip,
        customise,
        products,
    } = card;
    let status_view = status.map(|s| {
        view! {
            <span class=pill_class(s.kind) style=format!("--status: {}", s.color) data-enhance=role::PILL>
                <span class="pill-dot" aria-hidden="true"></span>
                {s.name}
            </span>
        }
    });
    let hidden_fields = fields.len().saturating_sub(FIELDS_VISIBLE);
    let mut visible_fields = fields;
    let more_fields = visible_fields.split_off(visible_fields.len().min(FIELDS_VISIBLE));
    view! {
        <article class="card-content" data-card-state="ok" data-kind=kind.api_name() data-id=id
            data-pipeline=pipeline_id data-enhance=role::CARD>
            <header class="card-head">
                <h1 class="card-name">{name}</h1>
                {headline.map(|h| view! { <p class="card-headline num">{h}</p> })}
                {header_field.map(|r| {
                    let class = value_class(&r);
                    view! {
                        <p class="card-header-field" data-header-field=r.field_id>
                            <span class="row-label">{r.label}</span>
                            <span class=class>{r.value}</span>
                        </p>
                    }
                })}
                <div class="card-status">
                    {pipeline.map(|p| view! { <span class="pipeline">{p}</span> })}
                    {status_view}
                </div>
                {(!tags.is_empty()).then(|| view! {
                    <ul class="tags">{tags.into_iter().map(|t| view! { <li class="tag">{t}</li> }).collect_view()}</ul>
                })}
            </header>
            <StatusStrip items=strip lang />
            {withheld.gap.map(|gap| {
                let (title, text) = lang.rights_gap(gap);
                view! {
                    <section class="notice" data-rights-gap=gap.code() role="note">
                        <p class="notice-title">{title}</p>
                        <p class="notice-text">{text}</p>
                    </section>
                }
            })}
            {withheld.unloaded.then(|| view! {
                <p class="withheld" data-unloaded role="status">{lang.card().unloaded}</p>
            })}
            {allowed.any().then(|| view! { <QuickActions csrf=csrf.clone() lang kind choices allowed /> })}
            {(!details.is_empty() || products.is_some()).then(|| view! {
                <section class="section"><ul class="group">
                    {rows(details, &csrf, lang)}
                    {products.map(|n| view! {
                        <li class="row related">
                            <a class="action-link" href=page::PRODUCTS data-related="products">
                                {crate::i18n::fill(lang.related().products, &[("n", &n.to_string())])}
                            </a>
                        </li>
                    })}
                </ul></section>
            })}
            {(!key_fields.is_empty()).then(|| view! {
                <section class="section key-fields" aria-label=lang.layout().key_fields>
                    <ul class="group">{rows(key_fields, &csrf, lang)}</ul>
                </section>
            })}
            {sections
                .into_iter()
                .map(|section| match section {
                    Section::Contacts => (!contacts.is_empty() || withheld.contacts > 0).then(|| view! {
                        <section class="section contacts" data-section=section.code()>
                            <h2 class="section-header">{lang.card().contacts}</h2>
                            {contacts.clone().into_iter().map(|c| view! { <Person person=c lang /> }).collect_view()}
                            {(withheld.contacts > 0).then(|| view! {
                                <p class="withheld" data-withheld="contacts">{lang.contacts_withheld(withheld.contacts)}</p>
                            })}
                        </section>
                    }.into_any()),
                    Section::Company => (company.is_some() || withheld.company).then(|| view! {
                        <section class="section company" data-section=section.code()>
                            <h2 class="section-header">{lang.card().company}</h2>
                            {company.clone().map(|c| view! { <Person person=c lang /> })}
                            {withheld.company.then(|| view! {
                                <p class="withheld" data-withheld="company">{lang.card().company_withheld}</p>
                            })}
                        </section>
                    }.into_any()),
                    Section::Tasks => (!tasks.is_empty()).then(|| view! {
                        <section class="section tasks" data-section=section.code()>
                            <h2 class="section-header">{lang.card().open_tasks}</h2>
                            <ul class="group">{tasks.clone().into_iter().map(|t| view! { <TaskRow task=t lang csrf=csrf.clone() /> }).collect_view()}</ul>
                        </section>
                    }.into_any()),
                    Section::History => Some(view! { <HistorySection history=history.clone() lang csrf=csrf.clone() /> }.into_any()),
                    Section::Fields => (!visible_fields.is_empty()).then(|| view! {
                        <section class="section fields" data-section=section.code()>
                            <h2 class="section-header">{lang.card().fields}</h2>
                            <ul class="group">{rows(visible_fields.clone(), &csrf, lang)}</ul>
                            {(hidden_fields > 0).then(|| view! {
                                <details class="more">
                                    <summary class="more-summary">
                                        {format!("{} ({hidden_fields})", lang.card().show_all)}
                                    </summary>
                                    <ul class="group">{rows(more_fields.clone(), &csrf, lang)}</ul>
                                </details>
                            })}
                        </section>
                    }.into_any()),
                })
                .collect_view()}
            {customise.map(|href| view! {
                <p class="customise"><a class="action-link" href=href data-customise>{lang.layout().customise}</a></p>
            })}
        </article>
    }
}

/// A row value's class: money, numbers and dates get tabular digits.
fn value_class(r: &Row) -> &'static str {
    if r.numeric {
        "row-value num"
    } else {
        "row-value"
    }
}

/// The rows of a group; one the user may change carries its edit sheet.
fn rows(rows: Vec<Row>, csrf: &str, lang: Lang) -> impl IntoView {
    rows.into_iter()
        .map(|mut r| {
            let class = value_class(&r);
            if let Some(spec) = r.edit.take() {
                return view! { <EditableRow row=r spec csrf=csrf.to_owned() lang class /> }
                    .into_any();
            }
            // No link opens a new window: amoCRM's WebView may ignore
            // `target="_blank"`. A web link shows its address (the field's
            // value), so it can be copied if the app keeps the tap to itself.
            let value = match r.link {
                Link::None => view! { <span class=class>{r.value}</span> }.into_any(),
                Link::Web(href) => view! {
                    <a class=class href=href rel="noopener noreferrer">{r.value}</a>
                }
                .into_any(),
                Link::Tel(href) | Link::Mail(href) => {
                    view! { <a class=class href=href>{r.value}</a> }.into_any()
                }
            };
            view! {
                <li class="row" data-field-id=r.field_id>
                    <span class="row-label">{r.label}</span>
                    {value}
                </li>
            }
            .into_any()
        })
        .collect_view()
}

#[component]
fn Person(person: ContactView, lang: Lang) -> impl IntoView {
    let ContactView {
        name,
        position,
        main,
        phones,
        emails,
        other_deals,
    } = person;
    let name_for_calls = name.clone();
    view! {
        <ul class="group person">
            <li class="row person-head">
                <span class="row-label">
                    <span class="person-name">{name}</span>
                    {position.map(|p| view! { <span class="person-position">{p}</span> })}
                </span>
                {main.then(|| view! { <span class="badge">{lang.card().main}</span> })}
            </li>
            {phones.into_iter().map(|(text, link)| action_row(text, link, "phone", &name_for_calls)).collect_view()}
            {emails.into_iter().map(|(text, link)| action_row(text, link, "email", &name_for_calls)).collect_view()}
            {other_deals.map(|d| {
                let text = match d.count {
                    Some(n) => lang.other_deals(n as u64),
                    None => lang.related().other_deals.to_owned(),
                };
                view! {
                    <li class="row related">
                        <a class="action-link" href=d.href data-related="deals">{text}</a>
                    </li>
                }
            })}
        </ul>
    }
}

/// A phone or e-mail: a link when it is safe to dial or mail, text otherwise.
/// Plain `tel:`/`mailto:` anchors: WKWebView hands them to the system.
/// A tapped number names its person, for the "log the call" sheet.
fn action_row(text: String, link: Link, kind: &'static str, name: &str) -> impl IntoView {
    let body = match link {
        Link::Tel(href) => {
            view! { <a class="action-link" href=href data-call-name=name.to_owned() data-enhance=role::CALL>{text}</a> }
                .into_any()
        }
        Link::Mail(href) => view! { <a class="action-link" href=href>{text}</a> }.into_any(),
        _ => view! { <span>{text}</span> }.into_any(),
    };
    view! { <li class=format!("row {kind}")>{body}</li> }
}

#[component]
fn TaskRow(task: TaskView, lang: Lang, csrf: String) -> impl IntoView {
    let class = if task.overdue {
        "task-due num overdue"
    } else {
        "task-due num"
    };
    let overdue_label = task.overdue.then(|| lang.card().overdue);
    view! {
        <li class="row task" data-task-id=task.id>
            <span class="row-label">
                <span class="task-text">{task.text}</span>
                <span class=class>
                    {task.due}
                    {overdue_label.map(|l| view! { <span class="visually-hidden">{format!(" — {l}")}</span> })}
                </span>
                {task.responsible.map(|r| view! { <span class="task-who">{r}</span> })}
            </span>
            {task.can_complete.then(|| view! { <CompleteTask csrf lang task_id=task.id /> })}
        </li>
    }
}
