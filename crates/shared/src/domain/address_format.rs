//! Postal addresses written in each country's own order, for labels, mails, the portal and
//! the dashboard alike: Canada "Toronto ON  M5V 2T6", the US "Austin TX 78701", the UK's
//! postcode on a line of its own, France and Germany "75011 Paris".

/// The parts of an address, borrowed from whatever holds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PostalAddress<'a> {
    pub line1: &'a str,
    pub line2: Option<&'a str>,
    pub city: &'a str,
    pub region: Option<&'a str>,
    pub postal_code: &'a str,
    /// ISO 3166-1 alpha-2.
    pub country: &'a str,
}

/// How a country lays out the line with the town.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// "Toronto ON  M5V 2T6": Canada Post puts two spaces before the postal code.
    CityRegionTwoSpacesPostal,
    /// "Austin TX 78701", "Sydney NSW 2000".
    CityRegionPostal,
    /// "London" then "SW1A 1AA" on its own line (Royal Mail; Ireland's Eircode likewise).
    CityThenPostalLine,
    /// "75011 Paris", "10115 Berlin": most of continental Europe.
    PostalCity,
    /// "Tokyo 100-0001" style for the rest: town, region, code on one line.
    Fallback,
}

fn layout(country: &str) -> Layout {
    match country.trim().to_ascii_uppercase().as_str() {
        "CA" => Layout::CityRegionTwoSpacesPostal,
        "US" | "AU" | "PR" => Layout::CityRegionPostal,
        "GB" | "IE" => Layout::CityThenPostalLine,
        "FR" | "DE" | "AT" | "BE" | "CH" | "DK" | "ES" | "FI" | "IT" | "LU" | "NL" | "NO"
        | "PL" | "PT" | "SE" | "CZ" | "GR" | "HR" | "HU" | "SI" | "SK" | "EE" | "LT" | "LV"
        | "RO" | "BG" | "CY" | "MT" | "IS" | "LI" | "MC" => Layout::PostalCity,
        _ => Layout::Fallback,
    }
}

/// Joins the non-empty parts with `sep`.
fn join(parts: &[Option<&str>], sep: &str) -> String {
    parts
        .iter()
        .flatten()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(sep)
}

/// The line(s) after the street: town, region and postal code in the country's order.
pub fn locality_lines(address: &PostalAddress<'_>) -> Vec<String> {
    let city = Some(address.city);
    let region = address.region;
    let postal = Some(address.postal_code);
    let lines = match layout(address.country) {
        Layout::CityRegionTwoSpacesPostal => vec![join(
            &[Some(join(&[city, region], " ").as_str()), postal],
            "  ",
        )],
        Layout::CityRegionPostal | Layout::Fallback => vec![join(&[city, region, postal], " ")],
        Layout::CityThenPostalLine => vec![join(&[city, region], ", "), join(&[postal], "")],
        // The region rarely belongs on a European envelope, but when given it follows.
        Layout::PostalCity => vec![join(&[postal, city], " "), join(&[region], "")],
    };
    lines.into_iter().filter(|l| !l.is_empty()).collect()
}

/// Every line of the address but the country, in the order the country's post reads them.
pub fn address_lines(address: &PostalAddress<'_>) -> Vec<String> {
    let mut lines: Vec<String> = [Some(address.line1), address.line2]
        .into_iter()
        .flatten()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    lines.extend(locality_lines(address));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at<'a>(
        city: &'a str,
        region: Option<&'a str>,
        postal_code: &'a str,
        country: &'a str,
    ) -> PostalAddress<'a> {
        PostalAddress {
            line1: "1 Main St",
            line2: None,
            city,
            region,
            postal_code,
            country,
        }
    }

    #[test]
    fn canada_puts_two_spaces_before_the_postal_code() {
        assert_eq!(
            locality_lines(&at("Toronto", Some("ON"), "M5V 2T6", "CA")),
            vec!["Toronto ON  M5V 2T6"]
        );
    }

    #[test]
    fn the_us_and_australia_read_town_state_code() {
        assert_eq!(
            locality_lines(&at("Austin", Some("TX"), "78701", "US")),
            vec!["Austin TX 78701"]
        );
        assert_eq!(
            locality_lines(&at("Sydney", Some("NSW"), "2000", "au")),
            vec!["Sydney NSW 2000"]
        );
    }

    #[test]
    fn the_uk_gives_the_postcode_its_own_line() {
        assert_eq!(
            address_lines(&at("London", None, "SW1A 1AA", "GB")),
            vec!["1 Main St", "London", "SW1A 1AA"]
        );
    }

    #[test]
    fn france_and_germany_put_the_postcode_first() {
        assert_eq!(
            locality_lines(&at("Paris", None, "75011", "FR")),
            vec!["75011 Paris"]
        );
        assert_eq!(
            locality_lines(&at("Berlin", None, "10115", "DE")),
            vec!["10115 Berlin"]
        );
        // A region given anyway follows, rather than splitting code from town.
        assert_eq!(
            locality_lines(&at("Lyon", Some("Rhône"), "69002", "FR")),
            vec!["69002 Lyon", "Rhône"]
        );
    }

    #[test]
    fn missing_parts_leave_no_stray_spaces_and_lines_keep_their_order() {
        assert_eq!(
            locality_lines(&at("Toronto", None, "M5V 2T6", "CA")),
            vec!["Toronto  M5V 2T6"]
        );
        assert_eq!(
            locality_lines(&at("Austin", Some(" "), "78701", "US")),
            vec!["Austin 78701"]
        );
        let full = PostalAddress {
            line1: " 500 Maple Street ",
            line2: Some("Suite 4"),
            ..at("Montréal", Some("QC"), "H2X 3A1", "CA")
        };
        assert_eq!(
            address_lines(&full),
            vec!["500 Maple Street", "Suite 4", "Montréal QC  H2X 3A1"]
        );
        assert_eq!(
            address_lines(&PostalAddress {
                line2: Some(""),
                ..at("Tokyo", None, "100-0001", "JP")
            }),
            vec!["1 Main St", "Tokyo 100-0001"]
        );
    }
}
