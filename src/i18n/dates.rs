//! Dates as readers see them, in each language: `15 Juli 2020`,
//! `15 July 2020`. Month names and the order of the parts are Fluent
//! messages, so a new language needs only its locale file.

use fluent_bundle::{FluentArgs, FluentValue};
use jiff::civil::Date;

use super::Locales;
use crate::model::{LangIdx, PubDate};

/// A long date, from the message `date-long` with `$day`, `$month` (the
/// name from `month-<n>`) and `$year`.
pub fn long_date(locales: &Locales, lang: LangIdx, date: Date) -> String {
    let month = locales.text(lang, &format!("month-{}", date.month()));
    let mut args = FluentArgs::new();
    args.set("day", FluentValue::from(date.day().to_string()));
    args.set("month", FluentValue::from(month));
    args.set("year", FluentValue::from(date.year().to_string()));
    locales.format(lang, "date-long", Some(&args)).0
}

/// RFC 3339, for feeds and metadata: the time and offset as written, or
/// midnight UTC for a plain date.
pub fn rfc3339(date: PubDate) -> String {
    let local = date.local;
    let offset = match date.offset_seconds {
        None | Some(0) => "Z".to_string(),
        Some(seconds) => {
            let sign = if seconds < 0 { '-' } else { '+' };
            let minutes = seconds.unsigned_abs() / 60;
            format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
        }
    };
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{offset}",
        local.year(),
        local.month(),
        local.day(),
        local.hour(),
        local.minute(),
        local.second()
    )
}

/// The machine-readable form for `<time datetime>`.
pub fn iso_date(date: Date) -> String {
    date.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;

    #[test]
    fn month_names_come_from_each_language() {
        let config = SiteConfig::parse("title: T\n", None).unwrap();
        let (locales, _) = Locales::new(&config, &[]);
        let date = jiff::civil::date(2020, 7, 15);
        assert_eq!(long_date(&locales, 0, date), "15 Juli 2020");
        assert_eq!(long_date(&locales, 1, date), "15 July 2020");
        assert_eq!(iso_date(date), "2020-07-15");
    }

    #[test]
    fn rfc3339_keeps_the_written_offset() {
        let plain = crate::load::front_matter::parse_date("2020-07-15").unwrap();
        assert_eq!(rfc3339(plain), "2020-07-15T00:00:00Z");
        let wib = crate::load::front_matter::parse_date("2020-07-15T09:30:00+07:00").unwrap();
        assert_eq!(rfc3339(wib), "2020-07-15T09:30:00+07:00");
    }
}
