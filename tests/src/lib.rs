//! Integration, end-to-end and snapshot tests of the workspace live in `tests/`.
//! The README is included here so that its examples compile as doctests.
#![doc = include_str!("../../README.md")]
