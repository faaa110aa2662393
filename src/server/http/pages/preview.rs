//! The preview page: controls on the left, one phone (or a gallery of every
//! state) on the right. The handler decides what to show; this only draws it.

use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;

use crate::i18n::Lang;

/// A labelled `<select>`: its name, `(value, label)` options and the chosen value.
pub struct Choice {
    /// The query parameter.
    pub name: &'static str,
    pub label: &'static str,
    pub options: Vec<(String, String)>,
    pub current: String,
}

/// Whose card the frame opens.
pub enum PreviewUser {
    /// The demo's users, by what their rights let them do.
    DemoUser(Choice),
    /// Production: the operator names a real account and user.
    Named {
        account: Option<i64>,
        user: Option<i64>,
    },
}

/// One phone frame.
pub struct Phone {
    pub src: String,
    pub scheme: &'static str,
    pub caption: String,
}

pub struct PreviewView {
    pub choices: Vec<Choice>,
    pub id: Option<i64>,
    pub viewer: PreviewUser,
    /// The manifest's `mobile.color`, already validated as `#rrggbb`.
    pub color: String,
    pub gallery: bool,
    pub link: String,
    pub other_view: String,
    pub phones: Vec<Phone>,
    pub width: u32,
    /// The language the card is previewed in; the controls speak it too.
    pub lang: Lang,
    pub nonce: String,
}

const STYLE: &str = "
body{margin:0;font:14px/1.4 -apple-system,system-ui,sans-serif;background:#e5e5ea;color:#1c1c1e;display:flex;gap:32px;padding:24px;align-items:flex-start}
aside{display:flex;flex-direction:column;gap:16px;position:sticky;top:24px}
form{display:flex;flex-direction:column;gap:10px;min-width:240px;background:#fff;padding:16px;border-radius:14px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
form strong{font-size:17px}
label{display:flex;justify-content:space-between;align-items:center;gap:8px}
select,input{font:inherit;padding:6px 8px;border:1px solid #c7c7cc;border-radius:8px;background:#fff;color:#1c1c1e;min-width:0}
input[type=color]{padding:0;width:44px;height:30px}
a{color:#0066d6}
.phones{display:flex;flex-wrap:wrap;gap:32px}
.phone{margin:0;border-radius:44px;background:#111;padding:14px;box-shadow:0 10px 40px rgba(0,0,0,.25)}
.phone figcaption{color:#fff;text-align:center;padding-top:8px;font-size:13px}
.screen{border-radius:32px;overflow:hidden;background:#f2f2f7;display:flex;flex-direction:column}
.titlebar{color:#fff;font-weight:600;padding:14px 16px 10px;font-size:15px}
iframe{border:0;display:block;height:780px}
";

/// Controls apply on change (no inline handlers: the CSP allows only this nonce).
const SCRIPT: &str = "for(const c of document.querySelectorAll('#controls select,#controls input'))c.addEventListener('change',()=>c.form.submit())";

#[component]
fn ChoiceField(choice: Choice) -> impl IntoView {
    let Choice {
        name,
        label,
        options,
        current,
    } = choice;
    view! {
        <label>
            {label} " "
            <select name=name>
                {options
                    .into_iter()
                    .map(|(value, label)| {
                        let selected = value == current;
                        view! { <option value=value selected=selected>{label}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

#[component]
fn PhoneFrame(
    phone: Phone,
    width: u32,
    title: &'static str,
    color: String,
    main: bool,
) -> impl IntoView {
    let Phone {
        src,
        scheme,
        caption,
    } = phone;
    // Gallery frames load as they scroll in (`loading` is not among the iframe
    // attributes the view macro knows, so it is added by name).
    let frame = view! {
        <iframe
            id=main.then_some("card")
            title=format!("card: {caption}")
            src=src
            width=width
            style=format!("color-scheme:{scheme};width:{width}px")
        ></iframe>
    }
    .add_any_attr(custom_attribute("loading", "lazy"));
    view! {
        <figure class="phone" data-width=width>
            <div class="screen">
                <div class="titlebar" style=format!("background:{color}")>{title}</div>
                {frame}
            </div>
            <figcaption>{caption}</figcaption>
        </figure>
    }
}

#[component]
pub fn PreviewPage(page: PreviewView) -> impl IntoView {
    let PreviewView {
        choices,
        id,
        viewer,
        color,
        gallery,
        link,
        other_view,
        phones,
        width,
        lang,
        nonce,
    } = page;
    let t = lang.preview();
    // The title bar's text: the widget's name, as amoCRM shows it.
    let title = lang.widget().name;
    let viewer = match viewer {
        PreviewUser::DemoUser(choice) => view! { <ChoiceField choice /> }.into_any(),
        PreviewUser::Named { account, user } => view! {
            <label>{t.account} " " <input name="account" inputmode="numeric" value=account.map(|a| a.to_string()).unwrap_or_default() /></label>
            <label>{t.user} " " <input name="user" inputmode="numeric" value=user.map(|u| u.to_string()).unwrap_or_default() /></label>
        }
        .into_any(),
    };
    let other_label = if gallery { t.one_state } else { t.gallery };
    // Only a single phone carries the id tests and scripts address.
    let main = !gallery;
    let phones = phones
        .into_iter()
        .map(|phone| view! { <PhoneFrame phone width title color=color.clone() main /> })
        .collect_view();
    view! {
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <title>"amo-mobile-card preview"</title>
                <meta name="referrer" content="no-referrer" />
                <style>{STYLE}</style>
            </head>
            <body>
                <aside>
                <form method="get" action="/preview" id="controls">
                    <strong>{t.heading}</strong>
                    {choices.into_iter().map(|choice| view! { <ChoiceField choice /> }).collect_view()}
                    <label>{t.record} " " <input name="id" inputmode="numeric" value=id.map(|i| i.to_string()).unwrap_or_default() /></label>
                    {viewer}
                    <label>{t.color} " " <input type="color" name="color" value=color.clone() /></label>
                    {gallery.then(|| view! { <input type="hidden" name="view" value="gallery" /> })}
                    <a href=link id="link">{t.link}</a>
                    <a href=other_view>{other_label}</a>
                </form>
                // The widget archive for this colour; the server checks the
                // address and the colour as the `widget` command does.
                <form method="get" action="/preview/widget" id="widget">
                    <strong>{t.widget}</strong>
                    <input type="hidden" name="color" value=color.clone() />
                    <label>{t.support_email} " " <input type="email" name="support_email" required autocomplete="email" /></label>
                    <button type="submit">{t.download}</button>
                </form>
                </aside>
                <div class="phones">{phones}</div>
                <script nonce=nonce>{SCRIPT}</script>
            </body>
        </html>
    }
}
