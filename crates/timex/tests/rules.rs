//! One line per resolution rule: text, publication date, and the expected timexes written as
//! `extent|TYPE|value[|MOD]`, in text order.

use tidings_doc::{Published, Span};
use tidings_timex::TimeTagger;

#[track_caller]
fn check(text: &str, dct: &str, expected: &[&str]) {
    let dct: Published = dct.parse().unwrap();
    let times = TimeTagger::new().tag(text, Some(&dct));
    let chars: Vec<char> = text.chars().collect();
    let slice = |s: Span| chars[s.start..s.end].iter().collect::<String>();
    let got: Vec<String> = times
        .iter()
        .map(|t| {
            let m = t.modifier.map(|m| format!("|{}", m.as_str())).unwrap_or_default();
            format!("{}|{}|{}{m}", slice(t.span), t.kind, t.value)
        })
        .collect();
    assert_eq!(got, expected, "in {text:?} published {dct}");
}

#[test]
fn weekdays_follow_tense() {
    check("The plan was announced Wednesday by the agency.", "2000-01-06", &["Wednesday|DATE|2000-01-05"]);
    check("Kim will travel to Vladivostok on Thursday.", "2019-04-19", &["Thursday|DATE|2019-04-25"]);
    check("He said on Thursday that talks failed.", "2019-04-19", &["Thursday|DATE|2019-04-18"]);
    check("The talks resumed Friday.", "2019-04-19", &["Friday|DATE|2019-04-19"]);
    check("They met last Friday.", "2019-04-19", &["last Friday|DATE|2019-04-12"]);
    check("They meet next Monday.", "2019-04-19", &["next Monday|DATE|2019-04-22"]);
    // A possessive weekday names a reported event, even in a clause that looks ahead.
    check("They would look for ways around Wednesday's ruling.", "2000-01-07", &["Wednesday|DATE|2000-01-05"]);
    check("Analysts will study Friday's close.", "1989-10-30", &["Friday|DATE|1989-10-27"]);
    check("Campaigning ended ahead of Sunday's election.", "2013-03-07", &["Sunday|DATE|2013-03-10"]);
}

#[test]
fn calendar_dates() {
    check("It opened on April 19, 2019.", "2019-05-01", &["April 19, 2019|DATE|2019-04-19"]);
    check("It opened on Friday, April 19.", "2019-05-01", &["Friday, April 19|DATE|2019-04-19"]);
    check("Sales fell in December.", "2019-02-10", &["December|DATE|2018-12"]);
    check("Talks resume in March 1998.", "2019-02-10", &["March 1998|DATE|1998-03"]);
    check("The law passed in 2011.", "2019-04-19", &["2011|DATE|2011"]);
    check("He paid $2011 for it.", "2019-04-19", &[]);
    check("Results for fiscal 1989 were weak.", "1989-11-02", &["fiscal 1989|DATE|1989"]);
    check("It was dated 2019-04-12.", "2019-04-19", &["2019-04-12|DATE|2019-04-12"]);
    check("He may resign.", "2019-04-19", &[]);
    check("The summit is on April 24 and 25.", "1999-02-10", &["April 24|DATE|1999-04-24", "25|DATE|1999-04-25"]);
}

#[test]
fn names_that_look_like_times() {
    check("Protesters joined the annual March for Life.", "1999-01-22", &[]);
    check("They led the ``March of the Combatant Mothers.''", "2000-01-15", &[]);
    check("He said so on ABC's \"This Week.\"", "1990-08-13", &[]);
    check("He spoke on CBS's ''60 Minutes.''", "2000-04-17", &[]);
    check("For Poland, high noon comes today.", "1999-03-12", &["today|DATE|1999-03-12"]);
}

#[test]
fn relative_to_publication() {
    check("Shares rose yesterday.", "2019-04-19", &["yesterday|DATE|2019-04-18"]);
    check("Sales rose last year.", "2019-04-19", &["last year|DATE|2018"]);
    check("They meet next week.", "2019-04-19", &["next week|DATE|2019-W17"]);
    check("Negotiations broke down during last month's summit.", "2019-04-19", &["last month|DATE|2019-03"]);
    check("He was re-elected earlier this month.", "2019-04-19", &["earlier this month|DATE|2019-04"]);
    check("They will meet before the end of the month.", "2019-04-19", &["the end of the month|DATE|2019-04|END"]);
    check("Growth slows early next year.", "2019-04-19", &["early next year|DATE|2020|START"]);
    check("It closed two years ago.", "2019-04-19", &["two years ago|DATE|2017"]);
    check("It rose in late November.", "2019-12-10", &["late November|DATE|2019-11|END"]);
}

#[test]
fn narrative_reference_time() {
    check("On March 3, 2019, talks began. Two months later they ended.", "2019-04-19", &[
        "March 3, 2019|DATE|2019-03-03",
        "Two months later|DATE|2019-05",
    ]);
    // Short distances are durations, "later" a signal outside the extent.
    check("On March 3, 2019, talks began. Two days later they ended.", "2019-04-19", &[
        "March 3, 2019|DATE|2019-03-03",
        "Two days|DURATION|P2D",
    ]);
    check("Just over an hour later, he was declared dead.", "1998-10-25", &["over an hour|DURATION|PT1H|MORE_THAN"]);
    check("Profit fell in the third quarter from $5 a year earlier.", "1989-10-25", &[
        "the third quarter|DATE|1989-Q3",
        "a year earlier|DATE|1988-Q3",
    ]);
    check("Third-quarter net rose. The quarter was strong.", "1989-10-25", &["Third-quarter|DATE|1989-Q3", "The quarter|DATE|1989-Q3"]);
    // Published on a Monday; the story is at Friday, so the Friday before is a week earlier.
    check("Stocks fell Friday, after a rally the previous Friday.", "1989-10-30", &[
        "Friday|DATE|1989-10-27",
        "the previous Friday|DATE|1989-10-20",
    ]);
    check("Talks began Friday and ended the following Monday.", "1989-10-30", &[
        "Friday|DATE|1989-10-27",
        "the following Monday|DATE|1989-10-30",
    ]);
}

#[test]
fn vague_references() {
    check("Kim recently spoke.", "2019-04-19", &["recently|DATE|PAST_REF"]);
    check("Prices are falling now.", "2019-04-19", &["now|DATE|PRESENT_REF"]);
    check("It is currently closed.", "2019-04-19", &["currently|DATE|PRESENT_REF"]);
    check("Kim will visit in the near future.", "2019-04-19", &["in the near future|DATE|FUTURE_REF"]);
    check("Nobody knows the future.", "2019-04-19", &["the future|DATE|FUTURE_REF"]);
    check("That is in the past.", "2019-04-19", &["the past|DATE|PAST_REF"]);
    check("Several years ago it failed.", "2019-04-19", &["Several years ago|DATE|PAST_REF"]);
}

#[test]
fn durations() {
    check("He served three years.", "2019-04-19", &["three years|DURATION|P3Y"]);
    check("It lasted 24 hours.", "2019-04-19", &["24 hours|DURATION|PT24H"]);
    check("It took several months.", "2019-04-19", &["several months|DURATION|PXM"]);
    check("He visited four times in the past 13 months.", "2019-04-19", &["the past 13 months|DURATION|P13M"]);
    check("It signed a two-year deal.", "2019-04-19", &["two-year|DURATION|P2Y"]);
    check("The flight took 5 1/2 hours.", "2019-04-19", &["5 1/2 hours|DURATION|PT5H30M"]);
    check("It lasted more than three years.", "2019-04-19", &["more than three years|DURATION|P3Y|MORE_THAN"]);
    check("A 6-year-old boy.", "2019-04-19", &[]);
    check("It has risen over the past decade.", "2019-04-19", &["the past decade|DURATION|P10Y"]);
    check("It ran a minute and a half.", "2019-04-19", &["a minute and a half|DURATION|PT1M30S"]);
    check("It will not change for a couple of years.", "2019-04-19", &["a couple of years|DURATION|P2Y"]);
    check("Sales should grow over the next couple of years.", "2019-04-19", &["the next couple of years|DURATION|P2Y"]);
}

#[test]
fn sets() {
    check("Prices are reported daily.", "2019-04-19", &["daily|SET|P1D"]);
    check("They meet every week.", "2019-04-19", &["every week|SET|P1W"]);
    check("They meet twice a year.", "2019-04-19", &["twice a year|SET|P1Y"]);
    check("The Russian daily Kommersant said so.", "2019-04-19", &[]);
    // An amount per unit is a rate, so a SET; "within a year" stays a duration.
    check("It will save $2 million a year.", "2019-04-19", &["a year|SET|P1Y"]);
    check("The route adds 700 seats a week.", "2019-04-19", &["a week|SET|P1W"]);
    check("It will finish within a year.", "2019-04-19", &["a year|DURATION|P1Y"]);
}

#[test]
fn quarters_seasons_decades() {
    check("Results for the fourth quarter of 1998 were weak.", "1999-02-01", &["the fourth quarter of 1998|DATE|1998-Q4"]);
    check("Sales rose in the first half.", "1998-09-01", &["the first half|DATE|1998-H1"]);
    check("It opens this summer.", "1998-03-01", &["this summer|DATE|1998-SU"]);
    check("It closed last fall.", "1998-03-01", &["last fall|DATE|1997-FA"]);
    check("It boomed in the 1990s.", "2019-04-19", &["the 1990s|DATE|199"]);
    check("It boomed in the '80s.", "2019-04-19", &["the '80s|DATE|198"]);
    check("It began in the 20th century.", "2019-04-19", &["the 20th century|DATE|19"]);
    check("Demand stays weak through the first two quarters of 1990.", "1989-10-26", &["the first two quarters of 1990|DATE|1990-H1"]);
}

#[test]
fn times_of_day() {
    check("The vote starts at 10:35 a.m. today.", "1998-08-07", &["10:35 a.m. today|TIME|1998-08-07T10:35"]);
    check("It ended at 3 p.m.", "1998-08-07", &["3 p.m.|TIME|1998-08-07T15:00"]);
    check("He spoke this morning.", "1998-01-08", &["this morning|TIME|1998-01-08TMO"]);
    check("Gunfire erupted last night.", "1998-01-08", &["last night|TIME|1998-01-07TNI"]);
    check("They meet at noon.", "1998-01-08", &["noon|TIME|1998-01-08T12:00"]);
    check("By mid afternoon, the shelling stopped.", "1998-03-06", &["mid afternoon|TIME|1998-03-06TAF|MID"]);
    check("Shares were up at mid-afternoon yesterday.", "1989-11-02", &["mid-afternoon yesterday|TIME|1989-11-01TAF|MID"]);
    // "the morning" is the morning of the day the story is at.
    check("Prices fell Friday. Dealers bought in the morning.", "1989-10-30", &["Friday|DATE|1989-10-27", "the morning|TIME|1989-10-27TMO"]);
    check("He returned on the night of Oct. 23.", "1998-11-21", &["Oct. 23|DATE|1998-10-23"]);
    check("He leaves at 4 in the morning.", "2000-04-05", &["4 in the morning|TIME|2000-04-05T04:00"]);
    check("It starts at 9 in the evening.", "2000-04-05", &["9 in the evening|TIME|2000-04-05T21:00"]);
}

#[test]
fn works_without_a_publication_date() {
    let times = TimeTagger::new().tag("They met on Thursday and in 2011.", None);
    let values: Vec<&str> = times.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(values, ["XXXX-WXX-4", "2011"]);
}

#[test]
fn spans_count_characters() {
    let dct: Published = "2019-04-19".parse().unwrap();
    let text = "Zoë’s “summit” ended yesterday.";
    let times = TimeTagger::new().tag(text, Some(&dct));
    assert_eq!(times[0].span, Span::new(21, 30));
    assert_eq!(text.chars().skip(21).take(9).collect::<String>(), "yesterday");
}

#[test]
fn holidays() {
    check("They met last Thanksgiving.", "2000-02-10", &["last Thanksgiving|DATE|1999-11-25"]);
    check("Stores open on Christmas Eve.", "1998-12-01", &["Christmas Eve|DATE|1998-12-24"]);
}

#[test]
fn report_periods() {
    // A quarter without a year, "the quarter" and "a year ago" follow the quarter the report is
    // about, not a forecast quarter named on the way.
    check("Sales in the third quarter of 1990 will rise. Third-quarter net fell from $5 a year ago.", "1989-10-26", &[
        "the third quarter of 1990|DATE|1990-Q3",
        "Third-quarter|DATE|1989-Q3",
        "a year ago|DATE|1988-Q3",
    ]);
    check("Net rose in the second quarter. In the year-ago quarter, it fell.", "1989-10-26", &[
        "the second quarter|DATE|1989-Q2",
        "the year-ago quarter|DATE|1988-Q2",
    ]);
    check("In the 1988 third quarter and the 1989 period, net fell.", "1989-10-26", &[
        "the 1988 third quarter|DATE|1988-Q3",
        "the 1989 period|DATE|1989-Q3",
    ]);
    check("The quarter-to-quarter comparison improved.", "1989-10-26", &[]);
    check("Net rose in the third quarter from a year-earlier loss.", "1989-10-26", &[
        "the third quarter|DATE|1989-Q3",
        "year-earlier|DATE|1988-Q3",
    ]);
    check("Third-quarter sales rose from the quarter a year ago.", "1989-10-26", &[
        "Third-quarter|DATE|1989-Q3",
        "the quarter a year ago|DATE|1988-Q3",
    ]);
    check("Net rose in the third quarter from the corresponding period last year. Last year's quarter was weak.", "1989-11-01", &[
        "the third quarter|DATE|1989-Q3",
        "the corresponding period last year|DATE|1988-Q3",
        "Last year's quarter|DATE|1988-Q3",
    ]);
    check("Sales for last year's third quarter fell.", "1989-11-01", &["last year's third quarter|DATE|1988-Q3"]);
    // After a running total ("the first nine months"), a year back is the year before, until
    // a quarter is named again.
    check("Third-quarter net rose. In the nine months, net fell from a year earlier and from the 1988 period. \
           In the year-ago quarter, it rose.", "1989-10-26", &[
        "Third-quarter|DATE|1989-Q3",
        "the nine months|DURATION|P9M",
        "a year earlier|DATE|1988",
        "the 1988 period|DATE|1988",
        "the year-ago quarter|DATE|1988-Q3",
    ]);
    // An earlier quarter named after the reported one is a comparison, not a new report.
    check("Third-quarter net rose. After a flat second quarter, the company gained. In the 1989 period, costs fell.", "1989-11-01", &[
        "Third-quarter|DATE|1989-Q3",
        "second quarter|DATE|1989-Q2",
        "the 1989 period|DATE|1989-Q3",
    ]);
    // A fiscal fourth quarter reported in November ended in September.
    check("The company reported a decline in fourth-quarter earnings from a year earlier.", "1989-11-02", &[
        "fourth-quarter|DATE|1989-Q4",
        "a year earlier|DATE|1988-Q4",
    ]);
    check("The company expects fourth-quarter earnings to rise from a year earlier.", "1989-11-02", &[
        "fourth-quarter|DATE|1989-Q4",
        "a year earlier|DATE|1988",
    ]);
}

#[test]
fn a_date_that_ends_a_period_is_past() {
    // Jan. 31 is nearer ahead of an October publication, but a year that ended is over.
    check("In the fiscal year ended Jan. 31, sales rose.", "1989-10-31", &["the fiscal year|DURATION|P1Y", "Jan. 31|DATE|1989-01-31"]);
    check("In the quarter ended Oct. 31, it lost money.", "1989-10-27", &["the quarter|DATE|1989-Q3", "Oct. 31|DATE|1988-10-31"]);
}

#[test]
fn report_years() {
    check("For the year ended Sept. 30, net rose.", "1989-11-02", &["the year|DURATION|P1Y", "Sept. 30|DATE|1989-09-30"]);
    check("For the year, volume was flat.", "1989-11-02", &["the year|DATE|1989"]);
    check("It forecast a gain for the full year.", "1989-10-30", &["the full year|DATE|1989"]);
    check("Sales in the current fiscal year will rise.", "1989-10-30", &["the current fiscal year|DATE|1989"]);
    check("The deal should close by year-end.", "1989-10-30", &["year-end|DATE|1989|END"]);
}

#[test]
fn tense_cues_for_weekdays() {
    // Published on a Wednesday.
    check("The team planned to leave on Thursday.", "1998-09-30", &["Thursday|DATE|1998-10-01"]);
    check("Talks are set to resume Monday.", "1998-09-30", &["Monday|DATE|1998-10-05"]);
    check("Officials postponed the action until Tuesday.", "1998-09-30", &["Tuesday|DATE|1998-10-06"]);
    check("He could arrive as early as Tuesday.", "1998-09-30", &["Tuesday|DATE|1998-10-06"]);
    check("The offer had been scheduled to expire Friday.", "1998-09-30", &["Friday|DATE|1998-09-25"]);
    check("Until Thursday, they had not called him a suspect.", "1998-09-30", &["Thursday|DATE|1998-09-24"]);
    check("On Friday, the government planned to pay the claims.", "1998-09-30", &["Friday|DATE|1998-09-25"]);
}

#[test]
fn present_and_future_references() {
    check("Prices reflect current market conditions.", "1989-10-30", &["current|DATE|PRESENT_REF"]);
    check("The current account deficit grew.", "1989-10-30", &[]);
    check("Profits will suffer in the near term.", "1989-10-30", &["the near term|DATE|FUTURE_REF"]);
    check("Sales rose in recent years.", "1989-10-30", &["recent years|DATE|PAST_REF"]);
    check("Numbers fell through the nineties.", "1998-03-03", &["the nineties|DATE|199"]);
    check("He was arrested at this march.", "1999-01-22", &[]);
}

#[test]
fn weekday_parts_of_day() {
    // TBAQ gives a weekday's night or morning the day's date, and its evening the part.
    check("A man was killed Thursday evening.", "1998-02-12", &["Thursday evening|TIME|1998-02-12TEV"]);
    check("A man was killed Thursday night.", "1998-02-12", &["Thursday night|DATE|1998-02-12"]);
}
