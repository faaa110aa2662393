//! The quick actions by name. One enum gives each its metric label and the
//! text a no-script form comes back with, so a new action (or a typo) is a
//! compile error rather than a silent "call logged".

use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionKind {
    Note,
    Task,
    Complete,
    Stage,
    Call,
    Layout,
    Edit,
    WrapUp,
    Product,
}

impl ActionKind {
    pub const ALL: [ActionKind; 9] = [
        ActionKind::Note,
        ActionKind::Task,
        ActionKind::Complete,
        ActionKind::Stage,
        ActionKind::Call,
        ActionKind::Layout,
        ActionKind::Edit,
        ActionKind::WrapUp,
        ActionKind::Product,
    ];

    /// The `kind` label of `amo_card_quick_actions_total` (dashboards rely on it).
    pub fn label(self) -> &'static str {
        match self {
            ActionKind::Note => "note",
            ActionKind::Task => "task",
            ActionKind::Complete => "complete",
            ActionKind::Stage => "stage",
            ActionKind::Call => "call",
            ActionKind::Layout => "layout",
            ActionKind::Edit => "edit",
            ActionKind::WrapUp => "wrap-up",
            ActionKind::Product => "product",
        }
    }

    /// What the card says once amoCRM confirmed the action.
    pub fn done_text(self, lang: Lang) -> &'static str {
        let t = lang.actions();
        match self {
            ActionKind::Note => t.note_added,
            ActionKind::Task => t.task_created,
            ActionKind::Complete => t.task_completed,
            ActionKind::Stage => t.stage_changed,
            ActionKind::Call => lang.calls().call_logged,
            ActionKind::Layout => lang.layout().saved,
            ActionKind::Edit => lang.edit().saved,
            ActionKind::WrapUp => lang.wrap().saved,
            ActionKind::Product => lang.related().products_saved,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_the_published_ones_and_every_kind_says_its_own_done() {
        let labels: Vec<_> = ActionKind::ALL.iter().map(|k| k.label()).collect();
        assert_eq!(
            labels,
            ["note", "task", "complete", "stage", "call", "layout", "edit", "wrap-up", "product"]
        );
        for lang in Lang::ALL {
            let mut texts: Vec<_> = ActionKind::ALL.iter().map(|k| k.done_text(lang)).collect();
            texts.sort_unstable();
            texts.dedup();
            assert_eq!(texts.len(), ActionKind::ALL.len(), "{lang:?}");
        }
    }
}
