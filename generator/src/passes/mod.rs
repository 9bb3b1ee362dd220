//! Passes over the lowered IR: each analyses the whole API and stores what
//! it decides in the IR, so emission only reads it.

mod cycles;
mod dependencies;
mod derives;
mod nullable;
mod untagged;

use crate::ir::Api;

pub(crate) use derives::ty_eq;

/// Runs every pass, in order.
pub fn run(api: &mut Api) {
    untagged::order_untagged(api);
    nullable::settle_nullable(api);
    cycles::box_cycles(api);
    derives::decide_derives(api);
    dependencies::find_dependencies(api);
}
