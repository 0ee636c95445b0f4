//! Elections: seat apportionment, the Mazhilis party lists, the presidency, the majority
//! elections of the Senate, the Assembly and the maslikhats, and campaign spending caps.

pub mod apportion;
pub mod campaign;
pub mod indices;
pub mod majority;
pub mod mazhilis;
pub mod president;
pub mod referendum;
pub mod results;
