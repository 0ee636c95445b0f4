//! IIN parsing and check digits: hand-worked numbers, each rejection, and round-trip properties.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jiff::civil::{Date, date};
use proptest::prelude::*;
use saylau_core::parties::iin::{Iin, IinError, Sex, check_digit};

/// Parses `text` and checks what it decodes to.
fn check_valid(text: &str, birth: Date, sex: Sex, serial: u16) {
    let iin = Iin::parse(text).unwrap_or_else(|e| panic!("`{text}` should be valid: {e}"));
    assert_eq!(iin.birth_date(), birth, "{text}");
    assert_eq!(iin.sex(), sex, "{text}");
    assert_eq!(iin.serial(), serial, "{text}");
    assert_eq!(iin.to_string(), text.trim(), "{text}");
    assert_eq!(Iin::from_parts(birth, sex, serial), Some(iin), "{text}");
}

fn check_invalid(text: &str, expected: IinError) {
    assert_eq!(Iin::parse(text), Err(expected), "{text}");
}

fn first11(text: &str) -> [u8; 11] {
    let digits: Vec<u8> = text.bytes().map(|b| b - b'0').collect();
    digits.try_into().unwrap()
}

#[test]
fn man_born_1987_first_weights() {
    // 870215 3 0123: born 1987-02-15, digit 3 = man born in the 1900s, serial 0123.
    // First weights 1..11:
    //   8*1 + 7*2 + 0*3 + 2*4 + 1*5 + 5*6 + 3*7 + 0*8 + 1*9 + 2*10 + 3*11
    //   = 8 + 14 + 0 + 8 + 5 + 30 + 21 + 0 + 9 + 20 + 33 = 148 = 13 * 11 + 5
    // 5 is not 10, so the check digit is 5.
    assert_eq!(check_digit(&first11("87021530123")), Some(5));
    check_valid("870215301235", date(1987, 2, 15), Sex::Male, 123);
    check_valid("  870215301235\n", date(1987, 2, 15), Sex::Male, 123);
}

#[test]
fn woman_born_2005_first_weights() {
    // 050614 6 0042: born 2005-06-14, digit 6 = woman born in the 2000s, serial 0042.
    //   0*1 + 5*2 + 0*3 + 6*4 + 1*5 + 4*6 + 6*7 + 0*8 + 0*9 + 4*10 + 2*11
    //   = 0 + 10 + 0 + 24 + 5 + 24 + 42 + 0 + 0 + 40 + 22 = 167 = 15 * 11 + 2
    // The check digit is 2.
    assert_eq!(check_digit(&first11("05061460042")), Some(2));
    check_valid("050614600422", date(2005, 6, 14), Sex::Female, 42);
}

#[test]
fn second_weights_when_the_first_sum_gives_10() {
    // 900101 4 0040: born 1990-01-01, digit 4 = woman born in the 1900s, serial 0040.
    // First weights 1..11:
    //   9*1 + 0*2 + 0*3 + 1*4 + 0*5 + 1*6 + 4*7 + 0*8 + 0*9 + 4*10 + 0*11
    //   = 9 + 0 + 0 + 4 + 0 + 6 + 28 + 0 + 0 + 40 + 0 = 87 = 7 * 11 + 10  -> 10, try again
    // Second weights 3..11, 1, 2:
    //   9*3 + 0*4 + 0*5 + 1*6 + 0*7 + 1*8 + 4*9 + 0*10 + 0*11 + 4*1 + 0*2
    //   = 27 + 0 + 0 + 6 + 0 + 8 + 36 + 0 + 0 + 4 + 0 = 81 = 7 * 11 + 4
    // The check digit is 4 (under the first weights it would have been read as 10).
    assert_eq!(check_digit(&first11("90010140040")), Some(4));
    check_valid("900101400404", date(1990, 1, 1), Sex::Female, 40);
    check_invalid(
        "900101400400",
        IinError::CheckDigit {
            expected: 4,
            found: 0,
        },
    );
}

#[test]
fn no_valid_check_when_both_sums_give_10() {
    // 900101 4 0043:
    // First weights:  9 + 0 + 0 + 4 + 0 + 6 + 28 + 0 + 0 + 40 + 33 = 120 = 10 * 11 + 10
    // Second weights: 27 + 0 + 0 + 6 + 0 + 8 + 36 + 0 + 0 + 4 + 6 = 87 = 7 * 11 + 10
    // Both give 10, so no twelfth digit makes this a valid IIN.
    assert_eq!(check_digit(&first11("90010140043")), None);
    for last in 0..=9 {
        check_invalid(&format!("90010140043{last}"), IinError::NoValidCheck);
    }
    assert_eq!(Iin::from_parts(date(1990, 1, 1), Sex::Female, 43), None);
}

#[test]
fn wrong_length() {
    check_invalid("12345", IinError::Length(5));
    check_invalid("8702153012350", IinError::Length(13));
    check_invalid("", IinError::Length(0));
    check_invalid("   ", IinError::Length(0));
    assert_eq!(
        IinError::Length(5).to_string(),
        "an IIN has 12 digits, this one has 5"
    );
}

#[test]
fn letters_and_inner_spaces_are_not_digits() {
    check_invalid("87021530123X", IinError::NotDigits);
    check_invalid("870215 301235", IinError::NotDigits);
    check_invalid("８７０２１５３０１２３５", IinError::NotDigits);
    check_invalid("-87021530123", IinError::NotDigits);
}

#[test]
fn bad_century_digit() {
    for digit in [0, 7, 8, 9] {
        check_invalid(
            &format!("870215{digit}01235"),
            IinError::BadCenturyDigit(digit),
        );
    }
    assert_eq!(
        IinError::BadCenturyDigit(7).to_string(),
        "the seventh digit gives century and sex and must be 1 to 6, not `7`"
    );
}

#[test]
fn impossible_dates() {
    check_invalid("870230301235", IinError::BadDate("1987-02-30".into()));
    check_invalid("871315301235", IinError::BadDate("1987-13-15".into()));
    check_invalid("870015301235", IinError::BadDate("1987-00-15".into()));
    check_invalid("870200301235", IinError::BadDate("1987-02-00".into()));
    // 1900 was not a leap year, 2000 was.
    check_invalid("000229301235", IinError::BadDate("1900-02-29".into()));
    assert!(!matches!(
        Iin::parse("000229500005"),
        Err(IinError::BadDate(_))
    ));
    assert_eq!(
        IinError::BadDate("1987-02-30".into()).to_string(),
        "birth date `1987-02-30` does not exist"
    );
}

#[test]
fn wrong_check_digit() {
    check_invalid(
        "870215301237",
        IinError::CheckDigit {
            expected: 5,
            found: 7,
        },
    );
    assert_eq!(
        IinError::CheckDigit {
            expected: 3,
            found: 7
        }
        .to_string(),
        "check digit is 3, the number ends in 7"
    );
}

#[test]
fn from_parts_rejects_out_of_range() {
    assert_eq!(Iin::from_parts(date(1799, 12, 31), Sex::Male, 1), None);
    assert_eq!(Iin::from_parts(date(2100, 1, 1), Sex::Male, 1), None);
    assert_eq!(Iin::from_parts(date(1987, 2, 15), Sex::Male, 10_000), None);
    let oldest = Iin::from_parts(date(1800, 1, 1), Sex::Female, 9999).unwrap();
    assert_eq!(oldest.to_string()[..11], *"00010129999");
}

fn any_date() -> impl Strategy<Value = Date> {
    let first = date(1900, 1, 1);
    let days = first.until(date(2099, 12, 31)).unwrap().get_days();
    (0..=days).prop_map(move |n| first.checked_add(jiff::Span::new().days(n)).unwrap())
}

fn any_sex() -> impl Strategy<Value = Sex> {
    prop_oneof![Just(Sex::Male), Just(Sex::Female)]
}

proptest! {
    #[test]
    fn from_parts_round_trips(birth in any_date(), sex in any_sex(), serial in 0u16..=9999) {
        if let Some(iin) = Iin::from_parts(birth, sex, serial) {
            let parsed = Iin::parse(&iin.to_string()).unwrap();
            prop_assert_eq!(parsed, iin);
            prop_assert_eq!(parsed.birth_date(), birth);
            prop_assert_eq!(parsed.sex(), sex);
            prop_assert_eq!(parsed.serial(), serial);
        } else {
            // None only when no check digit exists.
            let text = format!("{:02}{:02}{:02}", birth.year() % 100, birth.month(), birth.day());
            let code = match (birth.year() >= 2000, sex) {
                (false, Sex::Male) => 3,
                (false, Sex::Female) => 4,
                (true, Sex::Male) => 5,
                (true, Sex::Female) => 6,
            };
            let text = format!("{text}{code}{serial:04}0");
            prop_assert_eq!(Iin::parse(&text), Err(IinError::NoValidCheck));
        }
    }

    #[test]
    fn one_changed_digit_never_gives_back_the_same_person(
        birth in any_date(),
        sex in any_sex(),
        serial in 0u16..=9999,
        position in 0usize..12,
        bump in 1u8..=9,
    ) {
        let Some(iin) = Iin::from_parts(birth, sex, serial) else { return Ok(()) };
        let mut digits = iin.digits();
        digits[position] = (digits[position] + bump) % 10;
        let text: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
        let mutated = Iin::parse(&text);
        prop_assert_ne!(&mutated, &Ok(iin));
        if position == 11 {
            // The check digit is determined by the rest, so changing it alone always fails.
            prop_assert!(matches!(mutated, Err(IinError::CheckDigit { .. })), "{:?}", mutated);
        }
        if let Ok(other) = mutated {
            // A mutation that still validates must decode to a different person.
            prop_assert_ne!(
                (other.birth_date(), other.sex(), other.serial()),
                (birth, sex, serial)
            );
        }
    }
}
