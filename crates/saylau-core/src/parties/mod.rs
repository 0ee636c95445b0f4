//! Parties: citizens' identity numbers, registration against the register, the register of
//! parties over time (lifecycle), charters and finance.

pub mod charter;
pub mod finance;
pub mod iin;
pub mod lifecycle;
pub mod registration;
