//! The process's top: the command line, start-up (the router, `Application`)
//! and start-up errors. The only room that names every other one and wires
//! them together (the demo too, through its one door).

pub mod cli;
pub mod error;
pub mod startup;
