//! Built-in data (placeholder while the data model is written).
