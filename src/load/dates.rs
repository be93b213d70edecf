//! Dates in front matter: `YYYY-MM-DD` or RFC 3339.

use crate::model::PubDate;

/// Dates before this year are refused: the ministry's news is younger.
pub const EARLIEST_YEAR: i16 = 1900;

pub fn dates_shown(date: PubDate) -> String {
    date.date().to_string()
}

/// `YYYY-MM-DD`, or RFC 3339 with a time and an offset (`Z` or `+07:00`);
/// `None` for anything else.
pub fn parse_date(text: &str) -> Option<PubDate> {
    parse_date_parts(text).ok()
}

fn parse_date_parts(text: &str) -> Result<PubDate, ()> {
    let text = text.trim();
    if text.len() == 10 {
        let date: jiff::civil::Date = text.parse().map_err(|_| ())?;
        return Ok(PubDate {
            local: date.to_datetime(jiff::civil::Time::midnight()),
            offset_seconds: None,
        });
    }
    let pieces = jiff::fmt::temporal::Pieces::parse(text).map_err(|_| ())?;
    let time = pieces.time().ok_or(())?;
    let offset = pieces.to_numeric_offset().ok_or(())?;
    if pieces.time_zone_annotation().is_some() {
        return Err(());
    }
    Ok(PubDate {
        local: pieces.date().to_datetime(time),
        offset_seconds: Some(offset.seconds()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_take_both_forms() {
        assert_eq!(
            parse_date("2020-07-15").unwrap().date(),
            jiff::civil::date(2020, 7, 15)
        );
        let moment = parse_date("2020-07-15T09:30:00+07:00").unwrap();
        assert_eq!(moment.offset_seconds, Some(7 * 3600));
        assert!(parse_date("2020-07-15T09:30:00").is_none());
        assert!(parse_date("15 July 2020").is_none());
        assert!(parse_date("2020-02-30").is_none());
    }
}
