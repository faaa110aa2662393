use leptos::prelude::*;

/// The bottom sheet of the quick actions and the call logger: a backdrop that
/// closes it, a modal dialog that closes on Escape.
#[component]
pub fn BottomSheet(
    #[prop(into)] open: Signal<bool>,
    on_close: Callback<()>,
    /// Extra classes beside `sheet`.
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <Show when=move || open.get()>
            <div class="sheet-backdrop" on:click=move |_| on_close.run(())></div>
        </Show>
        <div
            class=format!("sheet {class}")
            role="dialog"
            aria-modal="true"
            hidden=move || !open.get()
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    on_close.run(());
                }
            }
        >
            {children()}
        </div>
    }
}
