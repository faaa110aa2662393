//! Demo mode and the test double: a fake amoCRM served over real HTTP
//! (`fake`), the sample records it serves (`fixtures`) and the `/__demo/*`
//! routes that steer it (`routes`).

pub mod fake;
pub mod fixtures;
pub mod routes;
