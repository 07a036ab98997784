//! Guards the parsers of untrusted text against panics, within the normal test run: replays the
//! checked-in seed corpus `tests/fuzz-corpus/<target>/` (shared with the cargo-fuzz targets in
//! `fuzz/`), then feeds seeded mutations of it (ChaCha8, fixed seed: the same inputs every run)
//! through the link decoder, the saved-scenario loader, the population CSV parser and the
//! custom-baseline parser. A panic fails the test and writes the input to
//! `target/fuzz-corpus-failures/` for replay.

use licheng_sim::scenario::custom_baseline::CustomBaseline;
use licheng_sim::scenario::population_csv;
use licheng_sim::scenario::saved::{parse_store, store_json};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Mutated inputs per target (at least 100,000 in all) and the size they are cut to. The
/// custom-baseline parser goes through TOML, about ten times slower per byte in a debug build,
/// so it gets fewer and smaller inputs.
const BUDGET: [(&str, usize, usize); 4] = [
    ("link_decode", 60_000, 8 * 1024),
    ("scenario_import", 25_000, 8 * 1024),
    ("baseline_csv", 12_000, 8 * 1024),
    ("custom_baseline", 3_000, 3 * 1024),
];

/// A parser under test, with any property beyond "does not panic".
fn run_target(target: &str, text: &str) {
    match target {
        "link_decode" => licheng_sim::scenario::link::assert_round_trip(text),
        "scenario_import" => {
            let load = parse_store(text);
            // The scenarios kept export and load back unchanged.
            let again = parse_store(&store_json(&load.scenarios));
            assert!(again.set_aside.is_empty());
            assert_eq!(again.scenarios, load.scenarios);
        }
        "baseline_csv" => {
            let _ = population_csv::parse(text);
        }
        "custom_baseline" => {
            let _ = CustomBaseline::parse(text);
        }
        other => panic!("unknown fuzz target {other}"),
    }
}

/// Tokens that steer mutations towards each format's syntax and edge cases.
fn dictionary(target: &str) -> &'static [&'static str] {
    match target {
        "link_decode" => &[
            "v=",
            "v=0",
            "v=1",
            "v=2",
            "&",
            "=",
            "?",
            "#",
            "%",
            "%2",
            "%zz",
            "%FF",
            "%E9%B2%A4",
            "+",
            "a.",
            "cmp=1",
            "x.",
            "xn.",
            ".2025",
            "x.population.2026=",
            "name=",
            "a.name=",
            "seed=",
            "lang=en",
            "slide=",
            "preset=baseline",
            "mig=",
            "tfr=",
            "srb=",
            "migration=",
            "horizon=",
            "NaN",
            "inf",
            "-0",
            "1e308",
            "1e-320",
            "://",
            "18446744073709551616",
        ],
        "scenario_import" => &[
            "{",
            "}",
            "[",
            "]",
            ",",
            ":",
            "\"",
            "\\",
            "\\u",
            "\\ud800",
            "null",
            "true",
            "1e999",
            "-",
            "\"name\"",
            "\"query\"",
            "\"note\"",
            "\"created\"",
            "\"format\"",
            "\"scenarios\"",
            "\"licheng-scenarios/1\"",
            "\u{feff}",
            " (2)",
        ],
        "baseline_csv" => &[
            ",",
            "\n",
            "\r\n",
            "#",
            "age,male,female\n",
            "-",
            ".",
            "e",
            "NaN",
            "inf",
            "1e309",
            "0",
            "99999999999",
            "\u{feff}",
            " ",
            "\"",
            "110,",
            "65,",
        ],
        "custom_baseline" => &[
            "[",
            "]",
            "=",
            ",",
            "\n",
            "\"",
            "'",
            "#",
            "format = \"licheng-baseline/1\"\n",
            "age_group_width = 1\n",
            "age_group_width = 5\n",
            "[population]\n",
            "[mortality]\n",
            "[fertility]\n",
            "[migration]\n",
            "e0_female = 80\n",
            "l0 = 0\n",
            "nan",
            "inf",
            "-1",
            "1e308",
            "0.0",
            "[[x]]\n",
            "{a=1}",
        ],
        other => panic!("unknown fuzz target {other}"),
    }
}

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(files.len() >= 10, "{}: too few seeds", dir.display());
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

/// One random edit of `data`.
fn mutate(rng: &mut ChaCha8Rng, data: &mut Vec<u8>, dict: &[&str], other: &[u8]) {
    let len = data.len();
    let pos = |rng: &mut ChaCha8Rng, n: usize| rng.random_range(0..=n);
    match rng.random_range(0..9) {
        // Flip a bit.
        0 if len > 0 => {
            let i = rng.random_range(0..len);
            data[i] ^= 1 << rng.random_range(0..8);
        }
        // Replace a byte with an interesting one.
        1 if len > 0 => {
            let i = rng.random_range(0..len);
            const BYTES: &[u8] = b"\x00\x7f\x80\xff=&%+,.-0123456789eE\n\r\"[]{}#";
            data[i] = BYTES[rng.random_range(0..BYTES.len())];
        }
        // Delete a range.
        2 if len > 0 => {
            let i = rng.random_range(0..len);
            let n = rng.random_range(1..=(len - i).min(32));
            data.drain(i..i + n);
        }
        // Duplicate a range.
        3 if len > 0 => {
            let i = rng.random_range(0..len);
            let n = rng.random_range(1..=(len - i).min(64));
            let chunk = data[i..i + n].to_vec();
            let at = pos(rng, len);
            data.splice(at..at, chunk);
        }
        // Splice in part of another seed.
        4 if !other.is_empty() => {
            let i = rng.random_range(0..other.len());
            let n = rng.random_range(1..=(other.len() - i).min(128));
            let at = pos(rng, len);
            let cut = rng.random_range(0..=(len - at).min(16));
            data.splice(at..at + cut, other[i..i + n].iter().copied());
        }
        // Truncate.
        5 if len > 0 => data.truncate(rng.random_range(0..len)),
        // Insert random bytes (sometimes a UTF-8 character).
        6 => {
            let at = pos(rng, len);
            let c = match rng.random_range(0..3) {
                0 => char::from_u32(rng.random_range(0x80..0x3000)).unwrap_or('鲤'),
                1 => '鲤',
                _ => char::from(rng.random_range(0x20..0x7f_u8)),
            };
            let mut buf = [0u8; 4];
            data.splice(at..at, c.encode_utf8(&mut buf).bytes());
        }
        // Replace a run of digits with an extreme number.
        7 => {
            const NUMBERS: &[&str] = &[
                "0",
                "-0",
                "1e308",
                "-1e308",
                "1e-320",
                "NaN",
                "inf",
                "4294967296",
                "-1",
                "18446744073709551616",
                "0.30000000000000004",
                "999999999999999999999",
            ];
            let at = pos(rng, len);
            let end = (at..len)
                .find(|&j| !data[j].is_ascii_digit() && data[j] != b'.')
                .unwrap_or(len);
            let n = NUMBERS[rng.random_range(0..NUMBERS.len())];
            data.splice(at..end, n.bytes());
        }
        // Insert a dictionary token.
        _ => {
            let at = pos(rng, len);
            let token = dict[rng.random_range(0..dict.len())];
            data.splice(at..at, token.bytes());
        }
    }
}

/// Runs one input, turning a panic into a failure that names the target and saves the input.
fn check(target: &str, bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    if catch_unwind(AssertUnwindSafe(|| run_target(target, &text))).is_err() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-corpus-failures");
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join(format!("{target}-{}", what.replace(['/', ' '], "_")));
        let _ = std::fs::write(&file, bytes);
        let shown: String = text.chars().take(300).collect();
        panic!(
            "{target} panicked on {what} (saved to {}): {shown:?}",
            file.display()
        );
    }
}

#[test]
fn fuzz_corpus_replay_and_mutation() {
    let started = Instant::now();
    let cpu = thread_cpu_seconds();
    let mut total = 0usize;
    for (t, &(target, budget, max_input)) in BUDGET.iter().enumerate() {
        let seeds = corpus(target);
        for (path, bytes) in &seeds {
            check(target, bytes, &path.file_name().unwrap().to_string_lossy());
        }
        let dict = dictionary(target);
        let mut rng = ChaCha8Rng::seed_from_u64(0x004C_6963_6865_6E67 + t as u64);
        let target_started = Instant::now();
        let target_cpu = thread_cpu_seconds();
        for i in 0..budget {
            let mut data = seeds[rng.random_range(0..seeds.len())].1.clone();
            let other = &seeds[rng.random_range(0..seeds.len())].1;
            for _ in 0..rng.random_range(1..=4) {
                mutate(&mut rng, &mut data, dict, other);
            }
            data.truncate(max_input);
            check(target, &data, &format!("mutation {i}"));
        }
        total += budget;
        eprintln!(
            "fuzz_corpus: {target}: {} seeds + {budget} mutations in {:.2} s ({})",
            seeds.len(),
            target_started.elapsed().as_secs_f64(),
            cpu_since(target_cpu)
        );
    }
    assert!(total >= 100_000);
    eprintln!(
        "fuzz_corpus: {total} mutated inputs in {:.2} s ({})",
        started.elapsed().as_secs_f64(),
        cpu_since(cpu)
    );
}

/// CPU time of this thread (Linux; `None` elsewhere), to report the cost on a busy machine.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn cpu_since(start: Option<f64>) -> String {
    match (start, thread_cpu_seconds()) {
        (Some(a), Some(b)) => format!("{:.2} s CPU", b - a),
        _ => "CPU time not available".to_string(),
    }
}
