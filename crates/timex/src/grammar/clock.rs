//! Rules for clock times: "10:35 a.m.", "6 a.m. Tuesday", "noon", "midnight", "4 o'clock".

use super::{DateSpec, Parser, Sem};
use crate::lexicon::{self, Unit};
use crate::point::Point;

impl Parser<'_> {
    /// Clock times: "10:35 a.m.", "6 a.m. Tuesday", "noon", "midnight", "4 o'clock".
    pub(super) fn clock(&self, i: usize) -> Option<(usize, Sem)> {
        let (mut j, mut hour, mut minute, explicit) = match self.w(i) {
            // "High Noon" is a film and "high noon" a showdown, not a clock time.
            "noon" if i > 0 && self.w(i - 1) == "high" => return None,
            "noon" | "midday" => (i + 1, 12, 0, true),
            "midnight" => (i + 1, 0, 0, true),
            _ => {
                let (h, d) = self.num(i)?;
                if d > 2 || h > 24 {
                    return None;
                }
                if self.is(i + 1, ":") && self.glued(i + 1) {
                    match self.num(i + 2) {
                        Some((m, 2)) if m < 60 => (i + 3, h, m, true),
                        _ => return None,
                    }
                } else {
                    (i + 1, h, 0, false)
                }
            }
        };
        // a.m. / p.m. / am / pm / o'clock
        let w = self.w(j);
        let mut marked = explicit;
        if (w == "a" || w == "p") && self.is(j + 1, ".") && self.is(j + 2, "m") {
            if w == "p" && hour < 12 {
                hour += 12;
            }
            if w == "a" && hour == 12 {
                hour = 0;
            }
            j = self.dot(j + 3);
            marked = true;
        } else if w == "am" || w == "pm" {
            if w == "pm" && hour < 12 {
                hour += 12;
            }
            j += 1;
            marked = true;
        } else if w == "o" && self.is(j + 1, "'") && self.is(j + 2, "clock") {
            j += 3;
            marked = true;
        } else if !explicit && w == "in" && self.is(j + 1, "the") && hour <= 12 {
            // "4 in the morning", "9 in the evening".
            let later = match self.w(j + 2) {
                "morning" => Some(hour == 12),
                "afternoon" | "evening" => Some(hour < 12),
                "night" => Some((6..12).contains(&hour)),
                _ => None,
            };
            if let Some(later) = later {
                if later {
                    hour = (hour + 12) % 24;
                }
                j += 3;
                marked = true;
            }
        }
        if !marked || hour > 24 {
            return None;
        }
        if hour == 24 {
            hour = 0;
        }
        if lexicon::is_time_zone(self.w(j)) {
            j += 1;
        }
        minute = minute.min(59);
        // A day named right after the time belongs to it: "9 a.m. Tuesday", "6 p.m. yesterday".
        let mut day = None;
        let k = if self.is(j, "on") { j + 1 } else { j };
        if let Some((e, spec)) = self.date(k).filter(|(_, s)| {
            matches!(s, DateSpec::Weekday(..) | DateSpec::MonthDay(..) | DateSpec::Point(Point::Day(_)) | DateSpec::Rel { unit: Unit::Day, .. })
        }) {
            if k == j {
                day = Some(spec);
                j = e;
            }
        }
        Some((j, Sem::Clock { day, hour, minute }))
    }
}
