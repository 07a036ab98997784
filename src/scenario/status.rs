//! A target's status from its probability, in three levels (三色, the convention of Chinese
//! government target dashboards): likely met (P ≥ 80 %, green), at risk (20 % ≤ P < 80 %,
//! yellow), unlikely (P < 20 %, red); and "no record" where the probability would rest on no
//! evidence, so none is given. Colour is never the only signal: each has an icon and a word.

use super::engine::Engine;
use crate::model::actuals::Reported;
use crate::model::targets::{Metric, Outcome};

/// From this probability on, a target is likely met.
pub const LIKELY_FROM: f64 = 0.8;
/// Below this probability, a target is unlikely to be met.
pub const UNLIKELY_BELOW: f64 = 0.2;

/// The three levels, and the absence of evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Likely,
    AtRisk,
    Unlikely,
    /// A delivery target with no delivery record, found or reported: its lever is drawn around
    /// the plan's own pace, so its probability (near one half by construction) is not given.
    NoRecord,
}

impl Status {
    /// The status of target `index` of `engine` at probability `p`: `NoRecord` where the
    /// probability rests on no evidence (see [`assessed`]), else the level of `p`.
    pub fn of_target(engine: &Engine, index: usize, p: f64) -> Option<Status> {
        if assessed(engine, index) {
            Status::of(p)
        } else {
            Some(Status::NoRecord)
        }
    }

    /// The level of probability `p` (a share in [0, 1]); `None` for a non-finite one.
    pub fn of(p: f64) -> Option<Status> {
        if !p.is_finite() {
            None
        } else if p >= LIKELY_FROM {
            Some(Status::Likely)
        } else if p >= UNLIKELY_BELOW {
            Some(Status::AtRisk)
        } else {
            Some(Status::Unlikely)
        }
    }

    /// The id in files and the CLI's JSON: `likely`, `at_risk`, `unlikely`.
    pub fn id(self) -> &'static str {
        match self {
            Status::Likely => "likely",
            Status::AtRisk => "at_risk",
            Status::Unlikely => "unlikely",
            Status::NoRecord => "no_record",
        }
    }

    /// The word, in Chinese or English.
    pub fn label(self, zh: bool) -> &'static str {
        match (self, zh) {
            (Status::Likely, true) => "很可能达成",
            (Status::AtRisk, true) => "有风险",
            (Status::Unlikely, true) => "难以达成",
            (Status::Likely, false) => "Likely met",
            (Status::AtRisk, false) => "At risk",
            (Status::Unlikely, false) => "Unlikely",
            (Status::NoRecord, true) => "无完成记录",
            (Status::NoRecord, false) => "No record",
        }
    }

    /// The icon beside the word.
    pub fn icon(self) -> &'static str {
        match self {
            Status::Likely => "✓",
            Status::AtRisk => "!",
            Status::Unlikely => "✗",
            Status::NoRecord => "?",
        }
    }

    /// Whether the status is a level of a probability that is given.
    pub fn has_probability(self) -> bool {
        self != Status::NoRecord
    }
}

/// How many targets have each status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub likely: usize,
    pub at_risk: usize,
    pub unlikely: usize,
    pub no_record: usize,
}

impl Counts {
    /// The counts for `engine`'s targets at these probabilities (plan order); `None` unless
    /// every target has a finite one (the Monte Carlo has not finished).
    pub fn of(engine: &Engine, probabilities: &[f64]) -> Option<Counts> {
        if probabilities.len() != engine.plan().targets.len() {
            return None;
        }
        let mut counts = Counts::default();
        for (k, &p) in probabilities.iter().enumerate() {
            match Status::of_target(engine, k, p)? {
                Status::Likely => counts.likely += 1,
                Status::AtRisk => counts.at_risk += 1,
                Status::Unlikely => counts.unlikely += 1,
                Status::NoRecord => counts.no_record += 1,
            }
        }
        Some(counts)
    }
}

/// Words and icons of a target's progress against schedule (序时进度): what has happened, kept
/// apart from the probability's status (what the projection says) by its own icons.
pub mod progress {
    use crate::model::targets::ProgressStatus;

    /// The id in files and the CLI's JSON: `on_track`, `lagging`, `behind`.
    pub fn id(s: ProgressStatus) -> &'static str {
        match s {
            ProgressStatus::OnTrack => "on_track",
            ProgressStatus::Lagging => "lagging",
            ProgressStatus::Behind => "behind",
        }
    }

    /// The word, in Chinese or English.
    pub fn label(s: ProgressStatus, zh: bool) -> &'static str {
        match (s, zh) {
            (ProgressStatus::OnTrack, true) => "达到序时进度",
            (ProgressStatus::Lagging, true) => "略滞后",
            (ProgressStatus::Behind, true) => "明显滞后",
            (ProgressStatus::OnTrack, false) => "On track",
            (ProgressStatus::Lagging, false) => "Lagging",
            (ProgressStatus::Behind, false) => "Behind",
        }
    }

    /// The icon: a full, half or empty circle (the probability's status uses ✓ ! ✗).
    pub fn icon(s: ProgressStatus) -> &'static str {
        match s {
            ProgressStatus::OnTrack => "●",
            ProgressStatus::Lagging => "◐",
            ProgressStatus::Behind => "○",
        }
    }

    /// What progress means and its thresholds, in words.
    pub fn thresholds_text(zh: bool) -> &'static str {
        if zh {
            "序时进度看已发生的：按已填实际数的年份，完成量与按期平均分摊的进度相比（如 2万人 × 2/4 到 2026 年末）；逐年目标有一年未达到即为明显滞后，期末水平看从 2024 年到目标的直线路径，增速看年均增速。≥100% 为“达到序时进度”●，90%—100% 为“略滞后”◐，<90% 为“明显滞后”○（增速差距 0.1 个百分点以内为略滞后）。它与按预测算出的达成概率状态（✓ ! ✗）不同。"
        } else {
            "Progress is what has happened: over the years with reported figures, delivery against the pro-rata schedule (e.g. 20,000 × 2/4 by end-2026); a yearly target with a year short is behind, a level by the straight path from 2024 to the target, growth by the average rate. ≥ 100 % on track ●, 90–100 % lagging ◐, < 90 % behind ○ (growth up to 0.1 pp short is lagging). It is not the status of the projected outcome (✓ ! ✗), which follows the probability."
        }
    }
}

/// Why a goal-seek level cannot be reached within a lever's range, in words: the lever does not
/// move the target at all, or even its most favourable end falls short.
pub fn unreachable_reason(at_min: f64, at_max: f64, zh: bool) -> String {
    let best = at_min.max(at_max) * 100.0;
    if (at_max - at_min).abs() < 1e-12 {
        if zh {
            format!("此参数在其取值范围内不改变该目标的达成概率（始终为 {best:.1}%）：该目标由其他参数决定，或已由实际数确定。")
        } else {
            format!("this lever does not move the target's probability anywhere in its range (always {best:.1} %): other levers decide it, or reported figures already have.")
        }
    } else if zh {
        format!("即使取到其取值范围中最有利的一端，达成概率也只有 {best:.1}%。")
    } else {
        format!("even at the most favourable end of its range the probability is only {best:.1} %.")
    }
}

/// Whether a delivery target's lever has no delivery record in the sources (its distribution
/// is around the plan's own pace).
pub fn without_record(metric: Metric) -> bool {
    use crate::model::levers::DeliveryEvidence;
    metric.delivery_lever().and_then(|l| l.delivery_evidence()) == Some(DeliveryEvidence::NoRecord)
}

/// Whether target `index` of `engine` gets a probability: every target does, except a
/// delivery target without a record in the sources for which the analyst has reported no
/// year either. Its lever is drawn around the plan's pace, so its probability would be near one
/// half (or 0 or 1 for a fixed lever) by construction: not evidence, so not given. Once a year
/// is reported, the probability is conditional on that record.
pub fn assessed(engine: &Engine, index: usize) -> bool {
    let Some(metric) = engine
        .plan()
        .targets
        .get(index)
        .and_then(|t| Metric::from_id(&t.metric))
    else {
        return true;
    };
    !without_record(metric)
        || engine
            .baseline()
            .actuals()
            .iter()
            .any(|(what, _, _)| what == Reported::Metric(metric))
}

/// Whether target `index` is a delivery target without a record in the sources whose
/// probability is given because the analyst reported a year of it.
pub fn assessed_on_reported_only(engine: &Engine, index: usize) -> bool {
    engine
        .plan()
        .targets
        .get(index)
        .and_then(|t| Metric::from_id(&t.metric))
        .is_some_and(without_record)
        && assessed(engine, index)
}

/// The targets projected exactly at their threshold (margin 0) whose probability is neither
/// near 0 nor near 1 (between 20 % and 80 %): their count and the lowest and highest of those
/// probabilities, in per cent. Such a target is met in the projection yet only about half the
/// draws meet it, which the page explains under the table.
pub fn at_threshold_probabilities(
    engine: &Engine,
    outcomes: &[Outcome],
    probabilities: Option<&[f64]>,
) -> Option<(usize, f64, f64)> {
    let found: Vec<f64> = outcomes
        .iter()
        .zip(probabilities?)
        .enumerate()
        .filter(|(k, (o, p))| o.gap == 0.0 && **p > 0.2 && **p < 0.8 && assessed(engine, *k))
        .map(|(_, (_, p))| (p * 100.0).round())
        .collect();
    let low = found.iter().copied().reduce(f64::min)?;
    let high = found.iter().copied().reduce(f64::max)?;
    Some((found.len(), low, high))
}

/// Why a target without a delivery record has no probability, in words.
pub fn no_record_text(zh: bool) -> &'static str {
    if zh {
        "未找到完成记录，不给出达成概率：其推进速度只能按工作要点本身的进度假定，由此算出的概率由这一假定决定（按计划进度抽样约为一半），不是证据。录入2025、2026年实际完成数后，概率以实际数为条件给出。"
    } else {
        "No delivery record found, so no probability is given: the pace can only be assumed from the plan itself, and the probability that follows is decided by that assumption (about one half when drawn around the plan's pace), not evidence. Enter the figures delivered in 2025 and 2026 and the probability is given, conditional on them."
    }
}

/// What the probability of a target without a record in the sources rests on once the analyst
/// has reported a year of it, in words.
pub fn reported_record_text(zh: bool) -> &'static str {
    if zh {
        "概率以已录入的实际完成数为条件；其余年份按该参数的当前值推进（可按实际完成的速度调整）。"
    } else {
        "The probability is conditional on the figures reported; the remaining years follow the lever's current value (set it to the pace delivered)."
    }
}

/// The thresholds in words, as the page, the slides and the handout state them.
pub fn thresholds_text(zh: bool) -> &'static str {
    if zh {
        "状态按达成概率分三档：≥80% 为“很可能达成”（绿），20%—80% 为“有风险”（黄），<20% 为“难以达成”（红）；未找到完成记录的项目推进类目标不给出概率，标“? 无完成记录”。达成概率是在所列参数分布下，达到目标的参数组合所占的比例，不是对结果的预报。"
    } else {
        "Status follows the probability in three levels: ≥ 80 % likely met (green), 20–80 % at risk (yellow), < 20 % unlikely (red); a delivery target with no delivery record found gets no probability and is marked \"? No record\". A probability is the share of plausible parameter sets, under the stated distributions, that meet the target, not a forecast of odds."
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_levels_change_at_twenty_and_eighty_per_cent() {
        assert_eq!(Status::of(0.8), Some(Status::Likely));
        assert_eq!(Status::of(0.7999), Some(Status::AtRisk));
        assert_eq!(Status::of(0.2), Some(Status::AtRisk));
        assert_eq!(Status::of(0.1999), Some(Status::Unlikely));
        assert_eq!(Status::of(1.0), Some(Status::Likely));
        assert_eq!(Status::of(0.0), Some(Status::Unlikely));
        assert_eq!(Status::of(f64::NAN), None);
        assert!(!Status::NoRecord.has_probability());
        for s in [Status::Likely, Status::AtRisk, Status::Unlikely] {
            assert!(
                !s.label(true).is_empty() && !s.label(false).is_empty() && !s.icon().is_empty()
            );
        }
    }

    #[test]
    fn a_delivery_target_without_a_record_is_assessed_only_once_a_year_of_it_is_reported() {
        use super::super::actuals::ActualEntry;
        let engine = Engine::licheng();
        let g5 = engine.target_index("g5_stations").unwrap();
        let jobs = engine.target_index("jobs_new_urban").unwrap();
        assert!(!assessed(&engine, g5) && assessed(&engine, jobs));
        assert_eq!(Status::of_target(&engine, g5, 0.5), Some(Status::NoRecord));
        assert_eq!(Status::of_target(&engine, jobs, 0.5), Some(Status::AtRisk));
        let n = engine.plan().targets.len();
        let counts = Counts::of(&engine, &vec![0.9; n]).unwrap();
        assert_eq!(counts.likely + counts.no_record, n);
        assert_eq!(counts.no_record, 7, "{counts:?}");
        assert_eq!(Counts::of(&engine, &vec![0.9; n - 1]), None);
        let entry = ActualEntry {
            key: "g5_stations".into(),
            year: 2025,
            value: 30.0,
        };
        let reported = engine.with_entries(&[entry], 2026).unwrap();
        assert!(assessed(&reported, g5) && assessed_on_reported_only(&reported, g5));
        assert_eq!(
            Status::of_target(&reported, g5, 0.1),
            Some(Status::Unlikely)
        );
    }

    fn outcome(gap: f64) -> Outcome {
        Outcome {
            value: 500.0 + gap,
            threshold: 500.0,
            threshold_high: f64::INFINITY,
            met: gap >= 0.0,
            gap,
        }
    }

    #[test]
    fn only_assessed_targets_exactly_at_their_threshold_with_a_middling_probability_count() {
        let engine = Engine::licheng();
        let g5 = engine.target_index("g5_stations").unwrap();
        let mut outcomes: Vec<Outcome> = (0..engine.plan().targets.len())
            .map(|_| outcome(1.0))
            .collect();
        let mut probabilities = vec![0.5; outcomes.len()];
        // At the threshold: 52 % and 48.6 % count; 100 % and 10 % do not; 50 % with a margin
        // of 1 does not either, nor 50 % at the threshold for a target without a record.
        for (k, p) in [(0, 0.52), (1, 0.486), (2, 1.0), (3, 0.1), (g5, 0.5)] {
            outcomes[k] = outcome(0.0);
            probabilities[k] = p;
        }
        assert_eq!(
            at_threshold_probabilities(&engine, &outcomes, Some(&probabilities)),
            Some((2, 49.0, 52.0))
        );
        assert_eq!(at_threshold_probabilities(&engine, &outcomes, None), None);
        let far = vec![1.0; outcomes.len()];
        assert_eq!(
            at_threshold_probabilities(&engine, &outcomes, Some(&far)),
            None
        );
    }
}
