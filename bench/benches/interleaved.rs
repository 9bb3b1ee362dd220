//! `cargo bench -p bench --bench interleaved [-- ROUNDS]`: the per-call
//! ratio of `per_call`, measured with the two clients taking turns in one
//! process: each round times a block of calls through each (which goes first
//! alternates), so that the machine's drift, which moves criterion's
//! separate measurements apart by several per cent on a small VM, falls on
//! both alike. Prints, per client, the wall time per call and the CPU time
//! per call of the thread making the calls (Linux's
//! `/proc/thread-self/schedstat`; the server's threads excluded).

mod support;

use std::time::{Duration, Instant};

use support::Setup;

/// Calls per client in each round.
const CALLS: u32 = 500;
/// Rounds run before those counted.
const WARM_UP_ROUNDS: u32 = 2;

fn main() {
    // cargo passes `--bench`; the number of rounds is the first other argument.
    let rounds: u32 =
        std::env::args().skip(1).find(|arg| !arg.starts_with("--")).and_then(|arg| arg.parse().ok()).unwrap_or(40);
    let setup = Setup::new();
    let mut generated = Totals::default();
    let mut hand_written = Totals::default();
    for round in 0..WARM_UP_ROUNDS + rounds {
        let counted = round >= WARM_UP_ROUNDS;
        for turn in 0..2 {
            let ours = (round + turn) % 2 == 0;
            let started = (Instant::now(), thread_cpu());
            setup.runtime.block_on(async {
                for _ in 0..CALLS {
                    if ours {
                        setup.generated_call().await;
                    } else {
                        setup.hand_written_call().await;
                    }
                }
            });
            if counted {
                let totals = if ours { &mut generated } else { &mut hand_written };
                totals.add(started, CALLS);
            }
        }
    }
    for (name, totals) in [("generated", &generated), ("hand_written", &hand_written)] {
        let per_call = |total: Duration| total.as_secs_f64() * 1e6 / f64::from(totals.calls.max(1));
        match totals.cpu {
            Some(cpu) => println!("{name} wall_us={:.3} thread_cpu_us={:.3}", per_call(totals.wall), per_call(cpu)),
            None => println!("{name} wall_us={:.3}", per_call(totals.wall)),
        }
    }
}

/// One client's time over the counted rounds.
#[derive(Default)]
struct Totals {
    calls: u32,
    wall: Duration,
    /// `None` where the thread's CPU time cannot be read.
    cpu: Option<Duration>,
}

impl Totals {
    fn add(&mut self, (wall, cpu): (Instant, Option<Duration>), calls: u32) {
        let first = self.calls == 0;
        self.calls += calls;
        self.wall += wall.elapsed();
        self.cpu = match (cpu, thread_cpu()) {
            (Some(before), Some(after)) if first || self.cpu.is_some() => {
                Some(self.cpu.unwrap_or_default() + after.saturating_sub(before))
            }
            _ => None,
        };
    }
}

/// The CPU time this thread has run so far, where Linux tells it.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok().map(Duration::from_nanos)
}
