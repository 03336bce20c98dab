//! Measuring the release server from outside, on loopback: the server started on a free port
//! (and stopped, or killed), requests against it, and the checks of what it left in the
//! database. Two commands use it: `bench` (the contacts list at a million contacts) and
//! `faults` (a mixed load, then a crash in the middle of one).

pub mod check;
pub mod load;
pub mod process;
