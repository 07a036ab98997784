//! Guards the scenario link (`scenario::link`): encode/decode identity, the never-failing decoder
//! and each of its notices, the v0 → v1 migration, and the plain-text summary.

use licheng_sim::model::baseline::Stock;
use licheng_sim::model::levers::{LeverId, Levers, LEVERS};
use licheng_sim::scenario::actuals::ActualEntry;
use licheng_sim::scenario::baseline_edits::BaselineEdits;
use licheng_sim::scenario::link::{
    decode, encode, summary, Decoded, LinkLang, LinkState, DEFAULT_SEED, LINK_VERSION, MAX_NOTICES,
};
use licheng_sim::scenario::presets::PRESETS;
use proptest::prelude::*;

fn levers(overrides: &[(LeverId, f64)]) -> Levers {
    Levers::with_overrides(overrides).unwrap()
}

/// The notice locations, in order.
fn locations(d: &Decoded) -> Vec<&str> {
    d.notices.iter().map(|n| n.location.as_str()).collect()
}

/// Every notice has both messages and says it ignored something (or read the link a certain way).
fn assert_bilingual(d: &Decoded) {
    for n in &d.notices {
        assert!(
            !n.message_zh.is_empty() && !n.message_en.is_empty(),
            "{n:?}"
        );
    }
}

// ---------------------------------------------------------------- encoding

#[test]
fn encode_writes_the_documented_order_and_shortest_numbers() {
    let state = LinkState {
        levers: levers(&[(LeverId::NetMigration, 3200.0), (LeverId::Tfr, 1.1)]),
        seed: 42,
        ..LinkState::default()
    };
    assert_eq!(encode(&state), "v=1&tfr=1.1&mig=3200&seed=42&lang=zh");

    let state = LinkState {
        levers: levers(&[(LeverId::HouseholdTrend, -0.045)]),
        lang: LinkLang::En,
        slide: Some(3),
        preset: Some("low-migration".into()),
        compare: Some(levers(&[(LeverId::NetMigration, 0.0)])),
        ..LinkState::default()
    };
    assert_eq!(
        encode(&state),
        "v=1&hht=-0.045&cmp=1&a.mig=0&preset=low-migration&lang=en&slide=3"
    );
}

#[test]
fn edited_baseline_figures_are_written_after_the_levers_in_figure_order() {
    let state = LinkState {
        levers: levers(&[(LeverId::NetMigration, 3200.0)]),
        baseline: BaselineEdits::default()
            .with(Stock::InsurancePct, Some(96.5))
            .with(Stock::JuniorCapacity, Some(12000.0))
            .with(Stock::PrimaryCapacity, Some(0.1 + 0.2)),
        compare: Some(levers(&[(LeverId::NetMigration, 0.0)])),
        ..LinkState::default()
    };
    let query = encode(&state);
    assert_eq!(
        query,
        "v=1&mig=3200&b.pcap=0.30000000000000004&b.jcap=12000&b.ins=96.5&cmp=1&a.mig=0&lang=zh"
    );
    let back = decode(&query);
    assert!(back.notices.is_empty(), "{:?}", back.notices);
    assert_eq!(back.state, state);
    // Every figure's key, at its bounds.
    let d = decode("v=1&b.pcap=0&b.jcap=100000000&b.new25=2610&b.ins=100");
    assert!(d.notices.is_empty(), "{:?}", d.notices);
    assert_eq!(
        d.state.baseline.iter().collect::<Vec<_>>(),
        [
            (Stock::PrimaryCapacity, 0.0),
            (Stock::JuniorCapacity, 1e8),
            (Stock::PlacesFirstYear, 2610.0),
            (Stock::InsurancePct, 100.0)
        ]
    );
}

#[test]
fn bad_baseline_figures_are_ignored_with_a_notice_naming_the_figure() {
    let d = decode(
        "v=1&b.jcap=-1&b.ins=100.5&b.pcap=lots&b.new25=inf&mig=3200&b.jcap=12000&a.b.ins=90",
    );
    assert_eq!(
        locations(&d),
        ["b.jcap", "b.ins", "b.pcap", "b.new25", "b.jcap", "a.b.ins"]
    );
    assert!(d.notices[0].message_en.contains(
        "Public junior-middle places, 2024 = -1 is outside its valid range 0 to 100000000"
    ));
    assert!(d.notices[0].message_zh.contains("公办初中学位（2024年）"));
    assert!(d.notices[1].message_en.contains("0 to 100"));
    assert!(d.notices[2]
        .message_en
        .contains("'lots' is not a finite number"));
    assert!(d.notices[3].message_en.contains("not a finite number"));
    assert!(d.notices[4].message_en.contains("first wins"));
    assert!(d.notices[5].message_en.contains("unknown key"));
    assert_bilingual(&d);
    // The official values are kept, and the rest of the link applies.
    assert_eq!(d.state.baseline, BaselineEdits::default());
    assert_eq!(d.state.levers.get(LeverId::NetMigration), 3200.0);
}

#[test]
fn default_state_encodes_to_version_and_language_only() {
    assert_eq!(encode(&LinkState::default()), "v=1&lang=zh");
    assert_eq!(LinkState::default().seed, DEFAULT_SEED);
    assert_eq!(DEFAULT_SEED, 20250509);
}

#[test]
fn awkward_floats_round_trip_exactly() {
    let x = 0.1 + 0.2; // 0.30000000000000004
    let state = LinkState {
        levers: levers(&[(LeverId::Elasticity, x), (LeverId::Tfr, 0.5 + f64::EPSILON)]),
        ..LinkState::default()
    };
    let back = decode(&encode(&state));
    assert!(back.notices.is_empty(), "{:?}", back.notices);
    assert_eq!(
        back.state.levers.get(LeverId::Elasticity).to_bits(),
        x.to_bits()
    );
    assert_eq!(back.state, state);
}

// ---------------------------------------------------------------- accepted forms

#[test]
fn full_url_leading_question_mark_and_fragment_are_accepted() {
    let want = levers(&[(LeverId::NetMigration, 3200.0)]);
    for input in [
        "v=1&mig=3200",
        "?v=1&mig=3200",
        "https://example.org/licheng/?v=1&mig=3200#slide-2",
        "http://127.0.0.1:8080/index.html?v=1&mig=3200",
        "  ?v=1&mig=3200&  ",
    ] {
        let d = decode(input);
        assert!(d.notices.is_empty(), "{input}: {:?}", d.notices);
        assert_eq!(d.state.levers, want, "{input}");
    }
    // A URL without a query is the default scenario, silently.
    let d = decode("https://example.org/licheng/#top");
    assert!(d.notices.is_empty());
    assert_eq!(d.state, LinkState::default());
}

#[test]
fn empty_link_is_the_default_scenario_without_notices() {
    for input in ["", "?", "#x", "&&&"] {
        let d = decode(input);
        assert!(d.notices.is_empty(), "{input:?}: {:?}", d.notices);
        assert_eq!(d.state, LinkState::default());
    }
}

#[test]
fn plus_and_percent_escapes_are_decoded() {
    let d = decode("v=1&%6Dig=+3200&preset=low%2Dmigration&lang=%65n");
    assert!(d.notices.is_empty(), "{:?}", d.notices);
    assert_eq!(d.state.levers.get(LeverId::NetMigration), 3200.0);
    assert_eq!(d.state.preset.as_deref(), Some("low-migration"));
    assert_eq!(d.state.lang, LinkLang::En);
}

#[test]
fn language_codes_with_region_and_case_are_read() {
    assert_eq!(decode("v=1&lang=EN-gb").state.lang, LinkLang::En);
    assert_eq!(decode("v=1&lang=zh_CN").state.lang, LinkLang::Zh);
}

#[test]
fn compare_keys_alone_open_a_comparison() {
    let d = decode("v=1&a.mig=0");
    assert!(d.notices.is_empty());
    assert_eq!(
        d.state.compare,
        Some(levers(&[(LeverId::NetMigration, 0.0)]))
    );
    let d = decode("v=1&cmp=1");
    assert_eq!(d.state.compare, Some(Levers::default()));
    let d = decode("v=1&cmp=0");
    assert_eq!(d.state.compare, None);
    assert!(d.notices.is_empty());
}

// ---------------------------------------------------------------- notices, one per case

#[test]
fn unknown_key_is_ignored_with_a_notice_and_the_rest_applies() {
    let d = decode("v=1&zzz=5&mig=3200");
    assert_eq!(locations(&d), ["zzz"]);
    assert!(d.notices[0].message_en.contains("unknown key"));
    assert!(d.notices[0].message_zh.contains("未知参数"));
    assert_eq!(d.state.levers.get(LeverId::NetMigration), 3200.0);
    let d = decode("v=1&a.zzz=5");
    assert_eq!(locations(&d), ["a.zzz"]);
    assert_eq!(d.state.compare, None);
}

#[test]
fn non_number_lever_value_is_ignored_and_the_default_kept() {
    for bad in [
        "abc",
        "",
        "1,5",
        "NaN",
        "inf",
        "-infinity",
        "0x10",
        "3200abc",
    ] {
        let d = decode(&format!("v=1&mig={bad}&tfr=1.1"));
        assert_eq!(locations(&d), ["mig"], "{bad}");
        assert!(
            d.notices[0].message_en.contains("not a finite number"),
            "{bad}"
        );
        assert_eq!(d.state.levers.get(LeverId::NetMigration), 450.0, "{bad}");
        assert_eq!(d.state.levers.get(LeverId::Tfr), 1.1, "{bad}");
    }
}

#[test]
fn out_of_range_lever_value_is_ignored_and_the_range_named() {
    let d = decode("v=1&tfr=9&mig=15000.5&e0f=65&a.ur=0.1");
    assert_eq!(locations(&d), ["tfr", "mig", "a.ur"]);
    assert!(d.notices[0]
        .message_en
        .contains("outside its valid range 0.5 to 2.5"));
    assert!(d.notices[0].message_zh.contains("0.5 至 2.5"));
    assert_eq!(
        d.state.levers.get(LeverId::Tfr),
        LeverId::Tfr.spec().default
    );
    assert_eq!(d.state.levers.get(LeverId::NetMigration), 450.0);
    // The bounds themselves are valid.
    assert_eq!(d.state.levers.get(LeverId::E0Female), 65.0);
    assert_eq!(d.state.compare, Some(Levers::default()));
}

#[test]
fn duplicate_key_keeps_the_first_and_reports_the_second() {
    let d = decode("v=1&mig=3200&mig=100&v=1&a.mig=5&a.mig=6");
    assert_eq!(locations(&d), ["mig", "v", "a.mig"]);
    assert!(d.notices[0].message_en.contains("first wins"));
    assert_eq!(d.state.levers.get(LeverId::NetMigration), 3200.0);
    assert_eq!(d.state.compare.unwrap().get(LeverId::NetMigration), 5.0);
    // A bad first value still counts as the occurrence: the second is not silently used.
    let d = decode("v=1&mig=abc&mig=100");
    assert_eq!(locations(&d), ["mig", "mig"]);
    assert_eq!(d.state.levers.get(LeverId::NetMigration), 450.0);
}

#[test]
fn bad_percent_encoding_drops_only_that_pair() {
    let d = decode("v=1&mig=%zz&tfr=1.1&seed=%4");
    assert_eq!(locations(&d), ["mig", "seed"]);
    assert!(d.notices[0].message_en.contains("two hex digits"));
    assert_eq!(d.state.levers.get(LeverId::NetMigration), 450.0);
    assert_eq!(d.state.levers.get(LeverId::Tfr), 1.1);
    assert_eq!(d.state.seed, DEFAULT_SEED);
    // Bytes that are not UTF-8.
    let d = decode("v=1&preset=%FF%FE&lang=en");
    assert_eq!(locations(&d), ["preset"]);
    assert!(d.notices[0].message_en.contains("UTF-8"));
    assert_eq!(d.state.lang, LinkLang::En);
}

#[test]
fn unknown_future_version_is_read_as_current_with_a_notice() {
    let d = decode("v=7&mig=3200&hyperloop=1");
    assert_eq!(locations(&d), ["v", "hyperloop"]);
    assert!(d.notices[0].message_en.contains("newer version 7"));
    assert_eq!(d.state.version, 7);
    assert_eq!(d.state.levers.get(LeverId::NetMigration), 3200.0);
    // Re-encoding writes the current version.
    assert!(encode(&d.state).starts_with("v=1&mig=3200"));
}

#[test]
fn missing_version_is_read_as_v1_with_a_notice() {
    let d = decode("mig=3200&srb=105");
    assert_eq!(locations(&d), ["v"]);
    assert!(d.notices[0].message_en.contains("no version"));
    assert_eq!(d.state.version, 1);
    // Read as v1: srb is per 100 girls, not converted from a ratio.
    assert_eq!(d.state.levers.get(LeverId::SexRatioBirth), 105.0);
    assert_eq!(d.state.levers.get(LeverId::NetMigration), 3200.0);
}

#[test]
fn unreadable_version_is_read_as_v1_with_a_notice() {
    let d = decode("v=one&mig=3200");
    assert_eq!(locations(&d), ["v"]);
    assert_eq!(d.state.version, 1);
    assert_eq!(d.state.levers.get(LeverId::NetMigration), 3200.0);
}

#[test]
fn bad_seed_slide_language_preset_and_cmp_are_each_ignored() {
    let d = decode("v=1&seed=-1&slide=x&lang=fr&preset=nope&cmp=yes&mig=3200");
    assert_eq!(locations(&d), ["seed", "slide", "lang", "preset", "cmp"]);
    assert_bilingual(&d);
    let s = &d.state;
    assert_eq!(
        (s.seed, s.slide, s.lang, s.preset.clone(), s.compare.clone()),
        (DEFAULT_SEED, None, LinkLang::Zh, None, None)
    );
    assert_eq!(s.levers.get(LeverId::NetMigration), 3200.0);
    let d = decode("v=1&seed=18446744073709551616");
    assert_eq!(locations(&d), ["seed"]);
    let d = decode("v=1&seed=18446744073709551615&slide=4294967295");
    assert!(d.notices.is_empty());
    assert_eq!((d.state.seed, d.state.slide), (u64::MAX, Some(u32::MAX)));
}

#[test]
fn notices_are_capped_and_the_rest_counted() {
    let query: String = (0..100).map(|i| format!("k{i}=1&")).collect();
    let d = decode(&format!("v=1&{query}mig=3200"));
    assert_eq!(d.notices.len(), MAX_NOTICES + 1);
    assert!(d.notices[MAX_NOTICES]
        .message_en
        .starts_with("70 more problems"));
    assert_eq!(d.state.levers.get(LeverId::NetMigration), 3200.0);
}

#[test]
fn long_values_are_shortened_in_messages() {
    let long = "9".repeat(500);
    let d = decode(&format!("v=1&mig={long}"));
    assert_eq!(locations(&d), ["mig"]);
    assert!(d.notices[0].message_en.chars().count() < 200);
}

// ---------------------------------------------------------------- migration

#[test]
fn v0_link_migrates_to_v1_exactly() {
    let d = decode("v=0&migration=3200&srb=1.074&tfr=1.1&horizon=2030&lang=en");
    assert_eq!(locations(&d), ["horizon"]);
    assert!(d.notices[0].message_en.contains("removed"));
    assert_eq!(d.state.version, 0);
    assert_eq!(d.state.levers.get(LeverId::NetMigration), 3200.0);
    assert_eq!(d.state.levers.get(LeverId::SexRatioBirth), 107.4);
    assert_eq!(d.state.levers.get(LeverId::Tfr), 1.1);
    assert_eq!(d.state.lang, LinkLang::En);
    // Re-encoded in the current format.
    assert_eq!(encode(&d.state), "v=1&tfr=1.1&srb=107.4&mig=3200&lang=en");
}

#[test]
fn v0_ratio_is_converted_by_moving_the_decimal_point_exactly() {
    // 1.1 * 100 is 110.00000000000001 in floating point; the migration gives exactly 110.
    assert_ne!(1.1_f64 * 100.0, 110.0);
    let d = decode("v=0&srb=1.1");
    assert!(d.notices.is_empty(), "{:?}", d.notices);
    assert_eq!(
        d.state.levers.get(LeverId::SexRatioBirth).to_bits(),
        110.0_f64.to_bits()
    );
    assert_eq!(encode(&d.state), "v=1&srb=110&lang=zh");
    let d = decode("v=0&srb=+.999");
    assert_eq!(d.state.levers.get(LeverId::SexRatioBirth), 99.9);
}

#[test]
fn v0_ratio_out_of_range_after_conversion_is_reported_under_its_key() {
    // 1.3 boys per girl = 130 per 100 girls, above the maximum 125.
    let d = decode("v=0&srb=1.3");
    assert_eq!(locations(&d), ["srb"]);
    assert!(d.notices[0].message_en.contains("130"));
    assert_eq!(d.state.levers.get(LeverId::SexRatioBirth), 111.3);
    // Not a plain decimal: passes through and fails the number check.
    let d = decode("v=0&srb=abc");
    assert_eq!(locations(&d), ["srb"]);
}

#[test]
fn v0_long_name_and_v1_key_together_are_duplicates() {
    let d = decode("v=0&migration=3200&mig=100");
    assert_eq!(locations(&d), ["mig"]);
    assert_eq!(d.state.levers.get(LeverId::NetMigration), 3200.0);
}

#[test]
fn v1_link_does_not_get_the_v0_conversion() {
    let d = decode("v=1&srb=111.3&migration=5");
    assert_eq!(locations(&d), ["migration"]);
    assert_eq!(d.state.levers.get(LeverId::SexRatioBirth), 111.3);
    assert_eq!(d.state.levers.get(LeverId::NetMigration), 450.0);
}

// ---------------------------------------------------------------- summary

#[test]
fn summary_lists_changed_levers_with_units_and_targets() {
    let state = LinkState {
        levers: levers(&[
            (LeverId::NetMigration, 3200.0),
            (LeverId::Unemployment, 4.5),
        ]),
        preset: Some("high-migration".into()),
        seed: 7,
        ..LinkState::default()
    };
    let outcomes = vec![
        (
            "New urban jobs".to_string(),
            "likely met, 91 %".to_string(),
            "5,210".to_string(),
        ),
        (
            "Affordable housing".to_string(),
            "unlikely, 4 %".to_string(),
            "380 of 500".to_string(),
        ),
    ];
    let state = LinkState {
        name: Some("High migration".into()),
        ..state
    };
    let headline = vec!["Resident population 2028: 412,000".to_string()];
    let en = summary(&state, &headline, &outcomes, LinkLang::En);
    assert_eq!(
        en,
        "Licheng new urbanisation 2025–2028 scenario\n\
         Scenario: High migration\n\
         Resident population 2028: 412,000\n\
         Starting point: High migration\n\
         Changed assumptions:\n\
         - Net migration per year: 3200 persons/year (default 450 persons/year)\n\
         - Unemployment rate: 4.5% (default 3%)\n\
         Random seed: 7\n\
         Targets:\n\
         - New urban jobs: likely met, 91 % (5,210)\n\
         - Affordable housing: unlikely, 4 % (380 of 500)\n"
    );
    let zh = summary(&state, &headline, &outcomes, LinkLang::Zh);
    assert!(
        zh.contains("- 年净迁入人口：3200 人/年（默认 450 人/年）\n"),
        "{zh}"
    );
    assert!(zh.contains("情景名称：High migration\n"));
    assert!(zh.contains("- Affordable housing：unlikely, 4 %（380 of 500）\n"));
    for text in [&en, &zh] {
        assert!(!text.contains(['<', '*', '#', '|']), "{text}");
    }
}

#[test]
fn summary_lists_edited_baseline_figures() {
    let state = LinkState {
        baseline: BaselineEdits::default().with(Stock::JuniorCapacity, Some(12000.0)),
        ..LinkState::default()
    };
    let en = summary(&state, &[], &[], LinkLang::En);
    assert_eq!(
        en,
        "Licheng new urbanisation 2025–2028 scenario\n\
         All assumptions at their defaults.\n\
         Edited baseline figures (both scenarios):\n\
         - Public junior-middle places, 2024: 12000\n"
    );
    let zh = summary(&state, &[], &[], LinkLang::Zh);
    assert!(zh.contains("- 公办初中学位（2024年）：12000\n"), "{zh}");
}

#[test]
fn summary_of_defaults_and_of_a_comparison() {
    let en = summary(&LinkState::default(), &[], &[], LinkLang::En);
    assert_eq!(
        en,
        "Licheng new urbanisation 2025–2028 scenario\nAll assumptions at their defaults.\n"
    );
    let state = LinkState {
        levers: levers(&[(LeverId::Tfr, 0.95)]),
        compare: Some(Levers::default()),
        ..LinkState::default()
    };
    let en = summary(&state, &[], &[], LinkLang::En);
    assert!(
        en.contains(&format!(
            "Scenario B (current), changed assumptions:\n- Total fertility rate: 0.95 children per woman (default {} children per woman)\n\
             Scenario A (compared): all assumptions at their defaults.\n",
            LeverId::Tfr.spec().default
        )),
        "{en}"
    );
}

// ---------------------------------------------------------------- properties

/// A valid value of lever `i`: a grid step, the bounds, or any float inside the range.
fn lever_value(i: usize) -> BoxedStrategy<f64> {
    let s = &LEVERS[i];
    let (min, max, step) = (s.min, s.max, s.step);
    let steps = ((max - min) / step).floor() as u64;
    prop_oneof![
        (0..=steps).prop_map(move |k| (min + k as f64 * step).clamp(min, max)),
        Just(min),
        Just(max),
        Just(s.default),
        (0.0..=1.0f64).prop_map(move |t| (min + t * (max - min)).clamp(min, max)),
    ]
    .boxed()
}

fn lever_set() -> impl Strategy<Value = Levers> {
    let per_lever: Vec<_> = (0..LEVERS.len())
        .map(|i| proptest::option::weighted(0.3, lever_value(i)))
        .collect();
    per_lever.prop_map(|values| {
        let overrides: Vec<(LeverId, f64)> = values
            .into_iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (LeverId::ALL[i], v)))
            .collect();
        Levers::with_overrides(&overrides).unwrap()
    })
}

fn link_state() -> impl Strategy<Value = LinkState> {
    (
        lever_set(),
        prop_oneof![Just(DEFAULT_SEED), any::<u64>()],
        prop_oneof![Just(LinkLang::Zh), Just(LinkLang::En)],
        proptest::option::of(any::<u32>()),
        proptest::option::of(proptest::sample::select(
            PRESETS.iter().map(|p| p.id.to_string()).collect::<Vec<_>>(),
        )),
        proptest::option::of(lever_set()),
        crate::baseline_figures::any_figures(),
        reported_figures(),
        proptest::option::of("[^\\s\\pC]([^\\pC]{0,30}[^\\s\\pC])?"),
        proptest::option::of("[^\\s\\pC]([^\\pC]{0,30}[^\\s\\pC])?"),
    )
        .prop_map(
            |(
                levers,
                seed,
                lang,
                slide,
                preset,
                compare,
                baseline,
                (actuals, actual_notes),
                name,
                a_name,
            )| {
                let compare_name = compare.as_ref().and(a_name);
                LinkState {
                    name,
                    compare_name,
                    version: LINK_VERSION,
                    levers,
                    baseline,
                    seed,
                    lang,
                    slide,
                    preset,
                    compare,
                    actuals,
                    actual_notes,
                }
            },
        )
}

/// Reported figures (one per row and year) and source notes (one per row and year, trimmed).
fn reported_figures() -> impl Strategy<Value = (Vec<ActualEntry>, Vec<(String, i32, String)>)> {
    let rows = [
        "population",
        "jobs_new_urban",
        "g5_stations",
        "medical_insurance_rate",
    ];
    (
        proptest::collection::btree_map(
            (proptest::sample::select(rows.to_vec()), 2025..=2028i32),
            prop_oneof![0.0..1e6f64, (0..100_000u32).prop_map(f64::from)],
            0..5,
        ),
        proptest::collection::btree_map(
            (proptest::sample::select(rows.to_vec()), 2025..=2028i32),
            "[^ ]([\\PC]{0,20}[^ ])?",
            0..3,
        ),
    )
        .prop_map(|(figures, notes)| {
            let actuals = figures
                .into_iter()
                .map(|((key, year), value)| ActualEntry {
                    key: key.to_string(),
                    year,
                    value,
                })
                .collect();
            let notes = notes
                .into_iter()
                .map(|((row, year), note)| (row.to_string(), year, note.trim().to_string()))
                .filter(|(_, _, note)| !note.is_empty())
                .collect();
            (actuals, notes)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn encode_then_decode_is_the_identity(state in link_state()) {
        let query = encode(&state);
        let d = decode(&query);
        prop_assert!(d.notices.is_empty(), "{query}: {:?}", d.notices);
        prop_assert_eq!(&d.state, &state);
        // Bit-exact levers (PartialEq would accept -0 for 0).
        for id in LeverId::ALL {
            prop_assert_eq!(d.state.levers.get(*id).to_bits(), state.levers.get(*id).to_bits());
        }
        for stock in Stock::ALL {
            prop_assert_eq!(
                d.state.baseline.get(stock).map(f64::to_bits),
                state.baseline.get(stock).map(f64::to_bits)
            );
        }
        // And as part of a URL.
        let url = decode(&format!("https://example.org/app/?{query}#frag"));
        prop_assert_eq!(url.state, state);
    }

    #[test]
    fn decode_of_arbitrary_text_never_panics(text in any::<String>()) {
        let d = decode(&text);
        prop_assert!(d.notices.len() <= MAX_NOTICES + 1);
    }

    #[test]
    fn decode_of_key_value_soup_never_panics_and_is_stable(
        pairs in proptest::collection::vec(
            (
                prop_oneof![
                    proptest::sample::select(vec![
                        "v", "tfr", "mig", "srb", "a.mig", "a.tfr", "cmp", "seed", "lang",
                        "slide", "preset", "migration", "horizon", "a.", "", "%", "%zz", "+",
                        "b.pcap", "b.jcap", "b.new25", "b.ins", "a.b.ins", "b.",
                    ]).prop_map(str::to_string),
                    "[a-z.%+0-9]{0,6}",
                ],
                prop_oneof![
                    "-?[0-9]{0,6}(\\.[0-9]{0,4})?",
                    "[ -~]{0,8}",
                    proptest::sample::select(vec![
                        "0", "1", "zh", "en", "NaN", "inf", "1e308", "-0", "%FF", "%4",
                        "baseline", "low-migration", "+",
                    ]).prop_map(str::to_string),
                ],
            ),
            0..24,
        )
    ) {
        let query: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let d = decode(&query.join("&"));
        // Whatever was read re-encodes to a link that reads back the same, with no notice.
        let again = decode(&encode(&d.state));
        prop_assert!(again.notices.is_empty(), "{:?}", again.notices);
        prop_assert_eq!(
            again.state,
            LinkState { version: LINK_VERSION, ..d.state }
        );
    }
}

// ---------------------------------------------------------------- reported figures

#[test]
fn reported_figures_and_notes_travel_in_the_link() {
    let state = LinkState {
        actuals: vec![
            ActualEntry {
                key: "population".into(),
                year: 2025,
                value: 399_800.0,
            },
            ActualEntry {
                key: "jobs_new_urban".into(),
                year: 2026,
                value: 5100.0,
            },
        ],
        actual_notes: vec![(
            "jobs_new_urban".into(),
            2026,
            "区人社局 2026年12月 预计数".into(),
        )],
        ..LinkState::default()
    };
    let query = encode(&state);
    assert!(
        query.starts_with(
            "v=1&x.population.2025=399800&x.jobs_new_urban.2026=5100&xn.jobs_new_urban.2026="
        ),
        "{query}"
    );
    let d = decode(&query);
    assert!(d.notices.is_empty(), "{:?}", d.notices);
    assert_eq!(d.state, state);
}

#[test]
fn malformed_reported_figures_are_left_out_with_a_notice() {
    let d = decode("v=1&x.jobs_new_urban.2025=many&x.jobs_new_urban=5&x.g5_stations.2025=30");
    assert_eq!(d.state.actuals.len(), 1);
    assert_eq!(d.notices.len(), 2);
    assert_eq!(d.notices[0].location, "x.jobs_new_urban.2025");
    assert!(d.notices[0].message_en.contains("not a finite number"));
    assert!(d.notices[1].message_zh.contains("x.目标.年份"));
    let d = decode("v=1&xn.jobs_new_urban=a%20note");
    assert!(d.state.actual_notes.is_empty());
    assert!(d.notices[0].message_en.contains("xn.TARGET.YEAR"));
}

#[test]
fn the_scenario_names_travel_in_the_link() {
    let state = LinkState {
        name: Some("高迁入方案".into()),
        compare: Some(Levers::default()),
        compare_name: Some("基准 & 对照".into()),
        ..LinkState::default()
    };
    let query = encode(&state);
    assert!(query.contains("&name=%E9%AB%98"), "{query}");
    assert!(
        query.contains("&a.name=%E5%9F%BA%E5%87%86%20%26%20"),
        "{query}"
    );
    let d = decode(&query);
    assert!(d.notices.is_empty(), "{:?}", d.notices);
    assert_eq!(d.state, state);
    // A name longer than 200 characters is cut; an empty one is none.
    let long = "名".repeat(250);
    assert_eq!(
        decode(&format!("v=1&name={long}"))
            .state
            .name
            .unwrap()
            .chars()
            .count(),
        200
    );
    assert_eq!(decode("v=1&name=").state.name, None);
}

#[test]
fn links_to_this_machine_are_recognised() {
    use licheng_sim::scenario::link::is_local_address;
    for local in [
        "http://127.0.0.1:8080/?v=1",
        "http://localhost/app/",
        "https://LOCALHOST:3000",
        "http://[::1]:8080/",
        "http://0.0.0.0:8000/?v=1",
        "http://app.localhost/",
    ] {
        assert!(is_local_address(local), "{local}");
    }
    for remote in [
        "https://example.org/licheng/?v=1",
        "http://192.168.1.20:8080/",
        "https://127.example.org/",
        "http://user@host.org/",
    ] {
        assert!(!is_local_address(remote), "{remote}");
    }
}

#[test]
fn odd_reported_rows_and_names_round_trip() {
    use licheng_sim::scenario::link::assert_round_trip;
    // A row with characters a query reserves; scenario A's name without scenario A.
    for text in [
        "v=1&x.a%26b%3Dc.2025=5",
        "v=1&xn.a%25b.2025=note",
        "v=1&a.name=orphan",
        "v=1&x.a.+5=1e5&x.a.05=2",
    ] {
        assert_round_trip(text);
    }
    assert_eq!(decode("v=1&a.name=orphan").state.compare_name, None);
}
