//! Seeded simulated annotators.
