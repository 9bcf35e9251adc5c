//! The pipeline's stages, one module each.

pub mod actors;
pub mod claims;
pub mod events;
pub mod places;
mod sides;
