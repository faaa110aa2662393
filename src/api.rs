//! Leptos server functions, one per file. Each authenticates through the card
//! session (cookie + the page's CSRF value) and takes the entity from it.

pub mod add_note;
pub mod add_task;
pub mod complete_task;
pub mod edit_field;
pub mod history_page;
pub mod log_call;
pub mod move_status;
pub mod refresh_card;
pub mod save_layout;
