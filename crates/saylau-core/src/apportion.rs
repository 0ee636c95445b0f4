//! Seat apportionment (placeholder while the engine is written).
