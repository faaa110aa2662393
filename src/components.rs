//! View components. Plain `#[component]`s render on the server only;
//! `#[island]`s are the only code that ships in the wasm bundle.

pub mod actions;
pub mod blocked;
pub mod call_log;
pub mod card;
pub mod controls;
pub mod disclosure;
pub mod edit;
pub mod forms;
pub mod history;
pub mod stage;
pub mod strip;
pub mod wrap_up;
