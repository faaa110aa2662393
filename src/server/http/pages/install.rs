//! The page an administrator sees after installing (or failing to install) the
//! integration: a title and one sentence of what to do.

use leptos::prelude::*;

use crate::i18n::Lang;

const STYLE: &str = "body{font-family:-apple-system,system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.4}";

#[component]
pub fn InstallResult(lang: Lang, title: &'static str, text: &'static str) -> impl IntoView {
    view! {
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <title>{title}</title>
                <style>{STYLE}</style>
            </head>
            <body>
                <h1>{title}</h1>
                <p>{text}</p>
            </body>
        </html>
    }
}
