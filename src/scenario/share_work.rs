//! The draws a share of a shared Monte Carlo job still has to make, and how many of them to hand
//! to a share that is about to run out (`handover_size`), so that the workers end together when
//! one of them runs slower (another tab, a slower core, the page rendering on the same core).
//! Native-testable: no web crates, no clocks (times come in as numbers).

use std::collections::VecDeque;
use std::ops::Range;

/// A share asks for draws when it has this much of its own work left (two of a worker's
/// looks at its messages, so that another share sees the request before it runs out).
pub const ASK_AHEAD_MS: f64 = 24.0;

/// A handover that would save less than this is not made: the asking share would wait for the
/// message about as long.
pub const MIN_HANDOVER_MS: f64 = 1.0;

/// Draws still to make, in order: the share's own range, then any handed to it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ShareWork {
    pending: VecDeque<Range<u64>>,
}

impl ShareWork {
    /// The draws `draws` to make.
    pub fn new(draws: Range<u64>) -> ShareWork {
        let mut work = ShareWork::default();
        work.add(draws);
        work
    }

    /// Draws still to make.
    pub fn remaining(&self) -> u64 {
        self.pending.iter().map(|r| r.end - r.start).sum()
    }

    /// The next draws to make, at most `max` (and at least one while any remain), taken off
    /// the list.
    pub fn take(&mut self, max: u64) -> Option<Range<u64>> {
        let first = self.pending.front_mut()?;
        let end = first.start + max.clamp(1, first.end - first.start);
        let taken = first.start..end;
        first.start = end;
        if first.is_empty() {
            self.pending.pop_front();
        }
        Some(taken)
    }

    /// Adds draws handed over by another share (none if empty).
    pub fn add(&mut self, draws: Range<u64>) {
        if !draws.is_empty() {
            self.pending.push_back(draws);
        }
    }

    /// Gives away up to `count` of the draws still to make, the last ones (from the last range),
    /// and returns them; `None` if there are none to give.
    pub fn give(&mut self, count: u64) -> Option<Range<u64>> {
        let last = self.pending.back_mut()?;
        let start = last.end - count.min(last.end - last.start);
        let given = start..last.end;
        last.end = start;
        if last.is_empty() {
            self.pending.pop_back();
        }
        (!given.is_empty()).then_some(given)
    }
}

/// A share's speed: `draws` made in `draw_ms` milliseconds of drawing, in draws a millisecond;
/// `None` while not known (no time read yet, as on a coarse clock, or no draws).
pub fn draw_speed(draws: u64, draw_ms: f64) -> Option<f64> {
    let per_ms = draws as f64 / draw_ms;
    (draw_ms > 0.0 && per_ms.is_finite() && per_ms > 0.0).then_some(per_ms)
}

/// How many of its `remaining` draws a share drawing `per_ms` draws a millisecond hands to a
/// share that has `asker_left_ms` of its own draws left and draws `asker_per_ms` a millisecond,
/// so that both end at once: with `g` handed over, the asker ends after
/// `asker_left_ms + g / asker_per_ms` and this share after `(remaining − g) / per_ms`. None (0)
/// when that would save this share less than `MIN_HANDOVER_MS`, or when either speed is not
/// known (not positive, or not finite).
pub fn handover_size(remaining: u64, per_ms: f64, asker_left_ms: f64, asker_per_ms: f64) -> u64 {
    let known = |v: f64| v.is_finite() && v > 0.0;
    if !(known(per_ms) && known(asker_per_ms) && asker_left_ms.is_finite()) {
        return 0;
    }
    let own_ms = remaining as f64 / per_ms;
    let asker_ms = asker_left_ms.max(0.0);
    let give = (own_ms - asker_ms) / (1.0 / per_ms + 1.0 / asker_per_ms);
    if give / per_ms < MIN_HANDOVER_MS {
        return 0;
    }
    (give.floor() as u64).min(remaining)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_is_taken_in_order_and_given_from_the_end() {
        let mut work = ShareWork::new(100..350);
        assert_eq!(work.remaining(), 250);
        assert_eq!(work.take(200), Some(100..300));
        assert_eq!(work.give(30), Some(320..350));
        assert_eq!(work.remaining(), 20);
        work.add(900..910);
        work.add(5..5);
        assert_eq!(work.give(4), Some(906..910), "the last range first");
        assert_eq!(work.take(0), Some(300..301), "at least one");
        assert_eq!(work.take(200), Some(301..320), "not past a range's end");
        assert_eq!(work.give(100), Some(900..906), "no more than the range has");
        assert_eq!(work.give(1), None);
        assert_eq!(work.take(1), None);
        assert_eq!(work.remaining(), 0);
    }

    #[test]
    fn a_speed_is_known_only_once_some_time_and_draws_are() {
        assert_eq!(draw_speed(500, 5.0), Some(100.0));
        for (draws, ms) in [
            (500, 0.0),
            (0, 5.0),
            (500, -1.0),
            (500, f64::NAN),
            (500, 1e-320),
        ] {
            assert_eq!(draw_speed(draws, ms), None, "{draws} in {ms} ms");
        }
    }

    #[test]
    fn a_handover_makes_both_shares_end_together() {
        // 1,000 draws left at 100 a ms (10 ms); the asker is done and as fast: half each.
        assert_eq!(handover_size(1_000, 100.0, 0.0, 100.0), 500);
        // The asker has 2 ms left: it takes 400 (2 + 4 ms), this share keeps 600 (6 ms).
        assert_eq!(handover_size(1_000, 100.0, 2.0, 100.0), 400);
        // A slower asker (50 a ms) gets less: 1/3 of the draws, so both take 6.67 ms.
        assert_eq!(handover_size(1_000, 100.0, 0.0, 50.0), 333);
        // An asker's time in the past counts as none left.
        assert_eq!(handover_size(1_000, 100.0, -5.0, 100.0), 500);
        for (remaining, per_ms, left, asker) in [
            (1_000, 100.0, 9.5, 100.0), // saves 0.25 ms
            (100, 100.0, 0.0, 100.0),   // saves 0.5 ms
            (1_000, 100.0, 12.0, 100.0),
            (1_000, 0.0, 0.0, 100.0),
            (1_000, 100.0, 0.0, f64::NAN),
            (1_000, 100.0, f64::INFINITY, 100.0),
            (1_000, f64::INFINITY, 0.0, 100.0),
            (0, 100.0, 0.0, 100.0),
        ] {
            assert_eq!(
                handover_size(remaining, per_ms, left, asker),
                0,
                "{remaining} {per_ms} {left} {asker}"
            );
        }
    }
}
