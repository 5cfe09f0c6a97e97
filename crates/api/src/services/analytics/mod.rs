//! What the shop learns from its shoppers.

pub mod surveys;
