//! The progress bar of `registration check`, on stderr and only when stderr is a terminal, with
//! an estimate of the time left taken from the whole run's average rate.
//!
//! Bytes count when they have been parsed, not when they were read: the register's reader runs
//! ahead of the workers, and counting its reads made the first second look like the whole file
//! would take a second ("1s left" after 1 MiB of 1 GiB). indicatif's own `{eta}` weighs recent
//! steps, so it too would follow such a burst; the estimate here is elapsed × left / done.

use std::fmt;
use std::io::{IsTerminal, Read};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressState, ProgressStyle};

/// How often the bar is redrawn when no bytes arrive, so that the estimate keeps moving.
const TICK: Duration = Duration::from_millis(250);

/// No estimate before this share of the work (in percent) is done, or [`SETTLE`] has passed:
/// the rate of the first few chunks says little about the rest.
const SETTLE_PERCENT: u128 = 2;
const SETTLE: Duration = Duration::from_secs(1);

/// A byte-count progress bar on stderr, drawn only when stderr is a terminal.
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A bar for the bytes of the files at `paths` (the register and the other members).
    pub fn new(paths: &[Option<&str>]) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let total: u64 = paths
            .iter()
            .flatten()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum();
        let bar = ProgressBar::new(total);
        if let Ok(style) =
            ProgressStyle::with_template("verifying {bar:30} {bytes}/{total_bytes} ({left})")
        {
            bar.set_style(style.with_key(
                "left",
                |state: &ProgressState, w: &mut dyn fmt::Write| {
                    let total = state.len().unwrap_or(0);
                    // A failed write only loses one frame of the bar.
                    let _ = w.write_str(&estimate(state.pos(), total, state.elapsed()));
                },
            ));
        }
        bar.enable_steady_tick(TICK);
        Progress { bar: Some(bar) }
    }

    /// Counts the bytes of `reader` as they are taken. For the other parties' lists, whose CSV
    /// reader parses each buffer before it reads the next, taken is as good as parsed.
    pub fn wrap<R: Read + Send + 'static>(&self, reader: R) -> Box<dyn Read + Send + '_> {
        match &self.bar {
            Some(bar) => Box::new(bar.wrap_read(reader)),
            None => Box::new(reader),
        }
    }

    /// Counts `bytes` that have been parsed.
    pub fn inc(&self, bytes: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The time left at the average rate of the whole run so far (`elapsed` × left / `done`), or
/// `None` while too little is done to tell: under 2% of `total` and under a second.
pub fn time_left(done: u64, total: u64, elapsed: Duration) -> Option<Duration> {
    let (done, total) = (u128::from(done), u128::from(total));
    if done == 0 || total == 0 {
        return None;
    }
    if done * 100 < total * SETTLE_PERCENT && elapsed < SETTLE {
        return None;
    }
    let left = elapsed.as_nanos() * total.saturating_sub(done) / done;
    Some(Duration::from_nanos(
        u64::try_from(left).unwrap_or(u64::MAX),
    ))
}

/// The bar's `{left}` text: "estimating…", or the time left such as "about 1m 39s left".
pub fn estimate(done: u64, total: u64, elapsed: Duration) -> String {
    let Some(left) = time_left(done, total, elapsed) else {
        return "estimating…".into();
    };
    // To the nearest second.
    let s = (left.as_millis() + 500) / 1000;
    let text = match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m {:02}s", s / 60, s % 60),
        _ => format!("{}h {:02}m", s / 3600, s % 3600 / 60),
    };
    format!("about {text} left")
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: u64 = 1 << 20;
    const GIB: u64 = 1 << 30;

    fn secs(s: f64) -> Duration {
        Duration::from_secs_f64(s)
    }

    #[test]
    fn no_estimate_before_two_percent_or_a_second() {
        // The case that misled: a mebibyte of a gibibyte in the first hundredth of a second.
        assert_eq!(estimate(MIB, GIB, secs(0.01)), "estimating…");
        assert_eq!(
            time_left(GIB / 100, GIB, secs(0.5)),
            None,
            "1% in half a second"
        );
        assert_eq!(time_left(0, GIB, secs(30.0)), None, "nothing parsed yet");
        assert_eq!(time_left(0, 0, secs(30.0)), None, "no size known");
        // 2% is enough, however early; so is a second, however little is done.
        assert_eq!(
            time_left(GIB / 50 + 1, GIB, secs(0.2)).map(|d| d.as_secs()),
            Some(9)
        );
        assert_eq!(estimate(GIB / 100, GIB, secs(1.0)), "about 1m 39s left");
    }

    #[test]
    fn the_estimate_is_the_whole_runs_average_rate() {
        assert_eq!(time_left(GIB / 2, GIB, secs(10.0)), Some(secs(10.0)));
        assert_eq!(estimate(GIB / 2, GIB, secs(10.0)), "about 10s left");
        assert_eq!(estimate(GIB / 4, GIB, secs(10.0)), "about 30s left");
        assert_eq!(estimate(GIB / 10, GIB, secs(600.0)), "about 1h 30m left");
        assert_eq!(estimate(GIB, GIB, secs(42.0)), "about 0s left");
        // A file that grew while it was read is done, not negative.
        assert_eq!(time_left(GIB + 1, GIB, secs(5.0)), Some(Duration::ZERO));
    }
}
