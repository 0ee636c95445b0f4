//! The polity over time: the journal of events and the state it folds to.

pub mod journal;
