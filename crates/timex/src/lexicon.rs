//! The words of time: month and weekday names, number words, units, seasons, parts of the day.
//!
//! Every function takes a lower-cased word and answers by `match`, which the compiler turns
//! into a branch tree: no allocation and no hashing on the hot path.

/// A calendar unit as TIMEX3 writes durations in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The TIMEX3 duration letter, and whether it sits after the `T`.
    pub fn letter(self) -> (&'static str, bool) {
        match self {
            Unit::Second => ("S", true),
            Unit::Minute => ("M", true),
            Unit::Hour => ("H", true),
            Unit::Day => ("D", false),
            Unit::Week => ("W", false),
            Unit::Weekend => ("WE", false),
            Unit::Month => ("M", false),
            Unit::Quarter => ("Q", false),
            Unit::Year => ("Y", false),
            Unit::Decade => ("DE", false),
            Unit::Century => ("CE", false),
        }
    }
}

/// A unit noun, singular or plural: "year", "years", "hrs".
pub(crate) fn unit(w: &str) -> Option<Unit> {
    Some(match w {
        "second" | "seconds" | "secs" => Unit::Second,
        "minute" | "minutes" | "mins" => Unit::Minute,
        "hour" | "hours" | "hrs" => Unit::Hour,
        "day" | "days" => Unit::Day,
        "week" | "weeks" => Unit::Week,
        "weekend" | "weekends" => Unit::Weekend,
        "month" | "months" => Unit::Month,
        "quarter" | "quarters" => Unit::Quarter,
        "year" | "years" | "yrs" => Unit::Year,
        "decade" | "decades" => Unit::Decade,
        "century" | "centuries" => Unit::Century,
        _ => return None,
    })
}

/// True for the plural form of a unit noun ("years"), which alone means "some years".
pub(crate) fn is_plural_unit(w: &str) -> bool {
    w.ends_with('s') && w != "hrs" && w != "yrs" && unit(w).is_some()
}

/// Month names and their usual abbreviations, 1-12. "may" and "march" are also common words;
/// the grammar asks for a capital letter before trusting them.
pub(crate) fn month(w: &str) -> Option<u32> {
    Some(match w {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// True for a month abbreviation (which may be followed by a period).
pub(crate) fn is_month_abbrev(w: &str) -> bool {
    w.len() <= 4 && !matches!(w, "may" | "june" | "july") && month(w).is_some()
}

/// Weekday names, Monday = 0.
pub(crate) fn weekday(w: &str) -> Option<u32> {
    Some(match w {
        "monday" | "mon" => 0,
        "tuesday" | "tue" | "tues" => 1,
        "wednesday" | "wed" => 2,
        "thursday" | "thu" | "thur" | "thurs" => 3,
        "friday" | "fri" => 4,
        "saturday" | "sat" => 5,
        "sunday" | "sun" => 6,
        _ => return None,
    })
}

/// A weekday name in the form that can stand alone as a time ("friday", not "fri" or "sun").
pub(crate) fn full_weekday(w: &str) -> Option<u32> {
    if w.ends_with("day") {
        weekday(w)
    } else {
        None
    }
}

/// Number words from one to ninety-nine, and "a"/"an" for one.
pub(crate) fn small_number(w: &str) -> Option<u32> {
    Some(match w {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Ordinal words and suffixed digits' words: "first" = 1, ..., "thirty-first" handled by the
/// grammar as "thirty" "-" "first".
pub(crate) fn ordinal(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        _ => return None,
    })
}

/// Suffixes written after digits in ordinals: 1st, 2nd, 3rd, 4th.
pub(crate) fn is_ordinal_suffix(w: &str) -> bool {
    matches!(w, "st" | "nd" | "rd" | "th")
}

/// Vague quantities that make a duration's number unknown: "several years" = PXY.
pub(crate) fn is_vague_quantity(w: &str) -> bool {
    matches!(w, "several" | "many" | "few" | "some" | "numerous" | "countless")
}

/// Seasons as TIMEX3 writes them.
pub(crate) fn season(w: &str) -> Option<&'static str> {
    Some(match w {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// Parts of the day as TIMEX3 writes them.
pub(crate) fn part_of_day(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" | "mornings" => "MO",
        "afternoon" | "afternoons" => "AF",
        "evening" | "evenings" => "EV",
        "night" | "nights" | "overnight" => "NI",
        _ => return None,
    })
}

/// Adverbs of frequency that are SET expressions by themselves.
pub(crate) fn frequency_adverb(w: &str) -> Option<Unit> {
    Some(match w {
        "hourly" => Unit::Hour,
        "daily" | "nightly" => Unit::Day,
        "weekly" => Unit::Week,
        "monthly" => Unit::Month,
        "yearly" => Unit::Year,
        _ => return None,
    })
}

/// Time-zone abbreviations that may follow a clock time and belong to the expression.
pub(crate) fn is_time_zone(w: &str) -> bool {
    matches!(
        w,
        "gmt" | "utc" | "est" | "edt" | "cst" | "cdt" | "mst" | "mdt" | "pst" | "pdt" | "bst" | "cet" | "cest" | "jst" | "et" | "pt"
    )
}
