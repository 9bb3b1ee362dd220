//! Cost of one call through the generated FuseSign client vs the same call
//! written by hand with reqwest + serde_json (`bench::HandWritten`), both
//! against one wiremock server on loopback. Run by `cargo xtask bench`
//! (`cargo bench -p bench --bench per_call`); a benchmark, not a test.

mod support;

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use support::Setup;

fn per_call(criterion: &mut Criterion) {
    let setup = Setup::new();
    let mut group = criterion.benchmark_group("customer_get");
    group.bench_function("generated", |bencher| {
        bencher.iter_custom(|calls| {
            setup.runtime.block_on(async {
                let start = Instant::now();
                for _ in 0..calls {
                    setup.generated_call().await;
                }
                start.elapsed()
            })
        });
    });
    group.bench_function("hand_written", |bencher| {
        bencher.iter_custom(|calls| {
            setup.runtime.block_on(async {
                let start = Instant::now();
                for _ in 0..calls {
                    setup.hand_written_call().await;
                }
                start.elapsed()
            })
        });
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(2)).measurement_time(Duration::from_secs(4))
}

criterion_group! { name = benches; config = config(); targets = per_call }
criterion_main!(benches);
