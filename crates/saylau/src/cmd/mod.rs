//! The commands, one module per top-level command: each reads its inputs, asks the core for an
//! outcome and renders it, and says how it ended with a [`Done`].

pub mod allocate;
pub mod assembly;
mod common;
pub mod completions;
pub mod data;
pub mod election;
pub mod finance;
pub mod iin;
pub mod journal;
pub mod law;
pub mod maslikhat;
pub mod mazhilis;
pub mod party;
pub mod president;
pub mod referendum;
pub mod registration;
pub mod replay;
pub mod senate;
pub mod serve;
pub mod state;
pub mod synth;
pub mod user;

/// How a command ended, for the exit code (`main` maps each to its code; an error is 2).
///
/// The variants go from the least to the most severe, so a command that answers several
/// things (the law as enacted beside a reform) ends with the `max` of its answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Done {
    /// Decided and allowed by the law, or simply done (exit 0).
    Ok,
    /// Decided, and refused by the law (exit 1): the answer is printed all the same.
    Refused,
    /// The law leaves the outcome to a drawing of lots (exit 3).
    LotsRequired,
}

impl Done {
    /// `Refused` when the law refuses, else `Ok`.
    pub fn refused_if(refused: bool) -> Done {
        if refused { Done::Refused } else { Done::Ok }
    }
}
