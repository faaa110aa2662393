//! Leptos server functions, one per file. Each authenticates through the card
//! session (cookie + the page's CSRF value) and takes the entity from it.

pub mod add_note;
pub mod add_task;
pub mod change_product;
pub mod complete_task;
pub mod edit_field;
pub mod history_page;
pub mod log_call;
pub mod move_status;
pub mod open_related;
pub mod refresh_card;
pub mod save_layout;
pub mod wrap_up;

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use leptos::server_fn::ServerFn;

    use crate::contract::endpoint;

    /// The forms and the client post to `contract::endpoint`: each path is
    /// the one its server function answers on.
    #[test]
    fn every_endpoint_is_its_server_functions_path() {
        let pairs = [
            (super::add_note::AddNote::PATH, endpoint::ADD_NOTE),
            (super::add_task::AddTask::PATH, endpoint::ADD_TASK),
            (
                super::complete_task::CompleteTask::PATH,
                endpoint::COMPLETE_TASK,
            ),
            (super::edit_field::EditField::PATH, endpoint::EDIT_FIELD),
            (super::log_call::LogCall::PATH, endpoint::LOG_CALL),
            (super::move_status::MoveStatus::PATH, endpoint::MOVE_STATUS),
            (super::save_layout::SaveLayout::PATH, endpoint::SAVE_LAYOUT),
            (
                super::refresh_card::RefreshCard::PATH,
                endpoint::REFRESH_CARD,
            ),
            (
                super::history_page::HistoryPage::PATH,
                endpoint::HISTORY_PAGE,
            ),
            (super::wrap_up::WrapUp::PATH, endpoint::WRAP_UP),
            (
                super::open_related::OpenRelated::PATH,
                endpoint::OPEN_RELATED,
            ),
            (
                super::change_product::ChangeProduct::PATH,
                endpoint::CHANGE_PRODUCT,
            ),
        ];
        for (served, named) in pairs {
            assert_eq!(served, named);
        }
    }
}
