//! The commands, one module per top-level command: each reads its inputs, asks the core for an
//! outcome and renders it, and says how it ended with a [`Done`].

pub mod allocate;
pub mod assembly;
mod common;
pub mod data;
pub mod finance;
pub mod iin;
pub mod journal;
pub mod law;
pub mod maslikhat;
pub mod mazhilis;
pub mod party;
pub mod president;
pub mod registration;
pub mod replay;
pub mod senate;
pub mod serve;
pub mod state;
pub mod synth;
pub mod user;

/// How a command ended, for the exit code.
pub enum Done {
    Ok,
    LotsRequired,
}

impl Done {
    /// The more severe of two outcomes, for a command that answers several things.
    pub fn max_with(self, other: Done) -> Done {
        match (self, other) {
            (Done::LotsRequired, _) | (_, Done::LotsRequired) => Done::LotsRequired,
            _ => Done::Ok,
        }
    }
}
