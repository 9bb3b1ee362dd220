//! Passes over the lowered IR: each analyses the whole API and stores what
//! it decides in the IR, so emission only reads it.

mod cycles;
mod dependencies;
mod derives;
mod features;
mod multipart;
mod nullable;
mod reach;
mod sent;
mod untagged;
mod validation;

use crate::ir::Api;

pub use features::gate_tags;

/// Runs every pass, in order.
pub fn run(api: &mut Api) {
    untagged::order_untagged(api);
    nullable::settle_nullable(api);
    sent::mark_sent(api);
    multipart::find_parts(api);
    cycles::box_cycles(api);
    derives::decide_derives(api);
    validation::find_validated(api);
    dependencies::find_dependencies(api);
}
