//! The polity over time: the journal of events and the state it folds to.
//!
//! `journal` is what a journal is (entries, events, reading a file) and re-exports the rest;
//! `state` the polity at one point; `apply` the check of each kind of event against the law
//! and the state; `replay` the fold of a whole journal, the state on a date and the comparison
//! of two folds; `schema` the entry as JSON Schema, with an example of every kind.

pub mod apply;
pub mod chambers;
pub mod journal;
pub mod replay;
pub mod schema;
pub mod state;
