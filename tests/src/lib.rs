//! Integration, end-to-end and snapshot tests of the workspace live in one
//! binary, `tests/it/`. This library holds the README, included so that its
//! examples compile as doctests, and the tests' Python environment (`python_venv`).
#![doc = include_str!("../../README.md")]

pub mod python_venv;
