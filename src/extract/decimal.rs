//! Exact decimals that remember their printed precision, and the intervals
//! that arithmetic on them produces.
//!
//! A printed `41.09` is `4109 × 10⁻²`: the value is exact and its last digit
//! says how precise it is, so it stands for [41.085, 41.095). `30万` is
//! `30 × 10⁴`, precise to one 万. Checks compare intervals, never floats for
//! equality, so honest rounding never fires (GRIM-style).

use std::fmt;

/// `mantissa × 10^exp`; the precision is one unit of the mantissa.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    pub mantissa: i128,
    pub exp: i32,
}

impl Decimal {
    pub const fn new(mantissa: i128, exp: i32) -> Self {
        Decimal { mantissa, exp }
    }

    pub const fn integer(n: i128) -> Self {
        Decimal {
            mantissa: n,
            exp: 0,
        }
    }

    /// Parses ASCII digits with an optional `.`: `2501.98`, `0.5`, `12`.
    pub fn parse(s: &str) -> Option<Decimal> {
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i, f),
            None => (s, ""),
        };
        if int.is_empty()
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        if s.contains('.') && frac.is_empty() {
            return None;
        }
        if int.len() + frac.len() > 30 {
            return None; // beyond i128's exact range for our purposes
        }
        let mut mantissa: i128 = 0;
        for b in int.bytes().chain(frac.bytes()) {
            mantissa = mantissa * 10 + i128::from(b - b'0');
        }
        Some(Decimal {
            mantissa,
            exp: -(frac.len() as i32),
        })
    }

    /// The same number times 10^k, keeping its precision in printed digits
    /// (3.5 × 万 is precise to 0.1万).
    pub fn shift(self, k: i32) -> Decimal {
        Decimal {
            mantissa: self.mantissa,
            exp: self.exp + k,
        }
    }

    pub fn to_f64(self) -> f64 {
        self.mantissa as f64 * 10f64.powi(self.exp)
    }

    /// The interval of true values this printed value stands for: half a unit
    /// of the last printed digit either side.
    pub fn interval(self) -> Interval {
        let lo = (self.mantissa as f64 - 0.5) * 10f64.powi(self.exp);
        let hi = (self.mantissa as f64 + 0.5) * 10f64.powi(self.exp);
        Interval::new(lo, hi)
    }

    /// The interval if the last digit was cut off rather than rounded:
    /// [value, value + one unit).
    pub fn truncation_interval(self) -> Interval {
        let lo = self.mantissa as f64 * 10f64.powi(self.exp);
        let hi = (self.mantissa as f64 + 1.0) * 10f64.powi(self.exp);
        Interval::new(lo, hi)
    }

    /// Exact equality of values regardless of printed precision (2.50 = 2.5).
    pub fn same_value(self, other: Decimal) -> bool {
        let e = self.exp.min(other.exp);
        let scale = |d: Decimal| -> Option<i128> {
            let k = u32::try_from(d.exp - e).ok()?;
            d.mantissa.checked_mul(10i128.checked_pow(k)?)
        };
        matches!((scale(self), scale(other)), (Some(a), Some(b)) if a == b)
    }

    /// The digits as printed before a magnitude word of 10^`magnitude` was
    /// applied: 2501.98 for 2501.98万 (25019800, magnitude 4).
    pub fn to_string_printed(self, magnitude: i32) -> String {
        self.shift(-magnitude).to_string()
    }

    /// Number of digits after the decimal point as printed (0 for integers
    /// and for values precise to tens or more).
    pub fn decimals(self) -> usize {
        if self.exp < 0 {
            (-self.exp) as usize
        } else {
            0
        }
    }
}

impl fmt::Display for Decimal {
    /// Plain digits with the printed number of decimals: `2501.98`,
    /// `300000` for 30万.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.exp >= 0 {
            let m = self
                .mantissa
                .checked_mul(10i128.pow(self.exp.min(30) as u32));
            return match m {
                Some(m) => write!(f, "{m}"),
                None => write!(f, "{}e{}", self.mantissa, self.exp),
            };
        }
        let digits = self.mantissa.unsigned_abs().to_string();
        let k = (-self.exp) as usize;
        let sign = if self.mantissa < 0 { "-" } else { "" };
        if digits.len() <= k {
            write!(f, "{sign}0.{}{digits}", "0".repeat(k - digits.len()))
        } else {
            let (i, d) = digits.split_at(digits.len() - k);
            write!(f, "{sign}{i}.{d}")
        }
    }
}

/// A closed interval of reals, rounded outward so that it always contains the
/// exact result of the arithmetic that made it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub lo: f64,
    pub hi: f64,
}

/// Relative slack added to every bound: covers f64 rounding in a chain of a
/// few operations many times over, and is far below any printed precision.
const SLACK: f64 = 1e-12;

impl Interval {
    pub fn new(lo: f64, hi: f64) -> Self {
        let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
        Interval {
            lo: lo - lo.abs() * SLACK,
            hi: hi + hi.abs() * SLACK,
        }
    }

    pub fn intersects(self, other: Interval) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }

    pub fn contains(self, x: f64) -> bool {
        self.lo <= x && x <= self.hi
    }

    pub fn scale(self, k: f64) -> Interval {
        Interval::new(self.lo * k, self.hi * k)
    }

    fn product(self, o: Interval) -> Interval {
        let c = [
            self.lo * o.lo,
            self.lo * o.hi,
            self.hi * o.lo,
            self.hi * o.hi,
        ];
        Interval::new(
            c.iter().copied().fold(f64::INFINITY, f64::min),
            c.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        )
    }

    /// `self / o`; `None` when `o` contains zero.
    pub fn checked_div(self, o: Interval) -> Option<Interval> {
        if o.lo <= 0.0 && o.hi >= 0.0 {
            return None;
        }
        Some(self.product(Interval::new(1.0 / o.hi, 1.0 / o.lo)))
    }

    /// The interval with `by` added on each side (a configured tolerance).
    pub fn widen(self, by: f64) -> Interval {
        Interval::new(self.lo - by, self.hi + by)
    }

    /// The interval widened by `fraction` of its larger bound's magnitude.
    pub fn widen_relative(self, fraction: f64) -> Interval {
        self.widen(self.lo.abs().max(self.hi.abs()) * fraction)
    }

    pub fn mid(self) -> f64 {
        (self.lo + self.hi) / 2.0
    }
}

/// Which intervals form the largest group that agrees on one value: the
/// members of the largest set with a common point (the earliest such set on
/// a tie). Sorting makes it O(n log n).
pub fn consensus(intervals: &[Interval]) -> Vec<bool> {
    if intervals.is_empty() {
        return Vec::new();
    }
    // Sweep: +1 at each lower bound, -1 after each upper bound.
    let mut events: Vec<(f64, i32, usize)> = Vec::with_capacity(intervals.len() * 2);
    for (i, iv) in intervals.iter().enumerate() {
        events.push((iv.lo, 0, i)); // opens sort before closes at the same point
        events.push((iv.hi, 1, i));
    }
    events.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut open, mut best, mut best_at) = (0i32, 0i32, intervals[0].lo);
    let mut best_first = usize::MAX;
    let mut active: std::collections::BTreeSet<usize> = Default::default();
    for &(x, kind, i) in &events {
        if kind == 0 {
            open += 1;
            active.insert(i);
            let first = *active.iter().next().unwrap_or(&usize::MAX);
            if open > best || (open == best && first < best_first) {
                best = open;
                best_at = x;
                best_first = first;
            }
        } else {
            open -= 1;
            active.remove(&i);
        }
    }
    intervals.iter().map(|iv| iv.contains(best_at)).collect()
}

impl std::ops::Add for Interval {
    type Output = Interval;

    fn add(self, o: Interval) -> Interval {
        Interval::new(self.lo + o.lo, self.hi + o.hi)
    }
}

impl std::ops::Mul for Interval {
    type Output = Interval;

    fn mul(self, o: Interval) -> Interval {
        self.product(o)
    }
}

/// Formats `x` with `decimals` digits after the point, for messages.
pub fn format_fixed(x: f64, decimals: usize) -> String {
    format!("{x:.decimals$}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        for (s, m, e) in [
            ("2501.98", 250198, -2),
            ("12", 12, 0),
            ("0.5", 5, -1),
            ("007", 7, 0),
        ] {
            let d = Decimal::parse(s).unwrap();
            assert_eq!((d.mantissa, d.exp), (m, e), "{s}");
        }
        for s in ["", ".5", "5.", "1.2.3", "a", "1,0"] {
            assert_eq!(Decimal::parse(s), None, "{s}");
        }
        assert_eq!(Decimal::parse("2501.98").unwrap().to_string(), "2501.98");
        assert_eq!(Decimal::parse("30").unwrap().shift(4).to_string(), "300000");
        assert_eq!(Decimal::parse("3.5").unwrap().shift(4).to_string(), "35000");
        assert_eq!(Decimal::new(5, -3).to_string(), "0.005");
    }

    #[test]
    fn intervals_follow_printed_precision() {
        let i = Decimal::parse("41.09").unwrap().interval();
        assert!(i.contains(41.085) && i.contains(41.0949) && !i.contains(41.096));
        let wan = Decimal::parse("30").unwrap().shift(4).interval();
        assert!(wan.contains(295_000.0) && wan.contains(304_999.0) && !wan.contains(306_000.0));
        assert!(Decimal::parse("25.4")
            .unwrap()
            .interval()
            .intersects(Decimal::parse("25.41").unwrap().interval()));
        assert!(!Decimal::parse("2291.4")
            .unwrap()
            .interval()
            .intersects(Decimal::parse("2219.4").unwrap().interval()));
    }

    #[test]
    fn share_arithmetic_on_the_seed_numbers() {
        // 1050.53万人 ÷ 2501.98万人 (甘肃 7th census, 2020) is 41.99%, not 41.09%.
        let part = Decimal::parse("1050.53").unwrap().interval();
        let whole = Decimal::parse("2501.98").unwrap().interval();
        let share = part.checked_div(whole).unwrap().scale(100.0);
        assert!(
            share.contains(41.988)
                && !share.intersects(Decimal::parse("41.09").unwrap().interval())
        );
        assert!(share.intersects(Decimal::parse("41.99").unwrap().interval()));
        // Truncation: 41.98 is the cut-off form of 41.9879…
        assert!(share.intersects(Decimal::parse("41.98").unwrap().truncation_interval()));
    }

    #[test]
    fn consensus_finds_the_largest_agreeing_group() {
        let d = |s: &str| Decimal::parse(s).unwrap().interval();
        // Implied 甘肃 population from the three plans' shares (seed line 23, 497, 1037).
        let implied = |part: &str, share: &str| d(part).checked_div(d(share)).unwrap().scale(100.0);
        let wholes = [
            implied("1050.53", "41.09"),
            implied("440.24", "17.59"),
            implied("1011.21", "40.42"),
        ];
        assert_eq!(consensus(&wholes), [false, true, true]);
        // All agree.
        assert_eq!(consensus(&[d("25.4"), d("25.41")]), [true, true]);
        // Two that disagree: the earlier one is kept.
        assert_eq!(consensus(&[d("2291.4"), d("2219.4")]), [true, false]);
        assert_eq!(consensus(&[]), Vec::<bool>::new());
    }

    #[test]
    fn same_value_ignores_precision() {
        assert!(Decimal::parse("2.50")
            .unwrap()
            .same_value(Decimal::parse("2.5").unwrap()));
        assert!(!Decimal::parse("2.51")
            .unwrap()
            .same_value(Decimal::parse("2.5").unwrap()));
        assert!(Decimal::integer(3)
            .shift(4)
            .same_value(Decimal::integer(30000)));
    }
}
