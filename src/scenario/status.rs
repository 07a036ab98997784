//! A target's status from its probability, in three levels (三色, the convention of Chinese
//! government target dashboards): likely met (P ≥ 80 %, green), at risk (20 % ≤ P < 80 %,
//! yellow), unlikely (P < 20 %, red). Colour is never the only signal: each level has an icon
//! and a word.

/// From this probability on, a target is likely met.
pub const LIKELY_FROM: f64 = 0.8;
/// Below this probability, a target is unlikely to be met.
pub const UNLIKELY_BELOW: f64 = 0.2;

/// The three levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Likely,
    AtRisk,
    Unlikely,
}

impl Status {
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
        }
    }

    /// The icon beside the word.
    pub fn icon(self) -> &'static str {
        match self {
            Status::Likely => "✓",
            Status::AtRisk => "!",
            Status::Unlikely => "✗",
        }
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

/// Whether a target's probability rests on no evidence: a delivery target whose lever has no
/// delivery record found (its distribution is around the plan's pace).
pub fn without_record(metric: crate::model::targets::Metric) -> bool {
    use crate::model::levers::DeliveryEvidence;
    metric.delivery_lever().and_then(|l| l.delivery_evidence()) == Some(DeliveryEvidence::NoRecord)
}

/// What a probability without a delivery record says, in words.
pub fn no_record_text(zh: bool) -> &'static str {
    if zh {
        "未找到完成记录：该概率反映假定的推进速度，而非证据。"
    } else {
        "No delivery record found: the probability reflects the assumed pace, not evidence."
    }
}

/// The thresholds in words, as the page, the slides and the handout state them.
pub fn thresholds_text(zh: bool) -> &'static str {
    if zh {
        "状态按达成概率分三档：≥80% 为“很可能达成”（绿），20%—80% 为“有风险”（黄），<20% 为“难以达成”（红）。达成概率是在所列参数分布下，达到目标的参数组合所占的比例，不是对结果的预报。"
    } else {
        "Status follows the probability in three levels: ≥ 80 % likely met (green), 20–80 % at risk (yellow), < 20 % unlikely (red). A probability is the share of plausible parameter sets, under the stated distributions, that meet the target, not a forecast of odds."
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
        for s in [Status::Likely, Status::AtRisk, Status::Unlikely] {
            assert!(
                !s.label(true).is_empty() && !s.label(false).is_empty() && !s.icon().is_empty()
            );
        }
    }
}
