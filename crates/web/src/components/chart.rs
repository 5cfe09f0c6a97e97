//! Small charts drawn as inline SVG (horizontal bars, lines, one stacked bar), each with axis
//! labels, a legend and a `<title>` on every mark for hover; and the table each chart sits
//! on, which is what screen readers read (the SVG is hidden from them) and what "Download CSV"
//! saves. The callers format every value, so numbers and money read as the page's language.

use leptos::prelude::*;

use crate::components::download::save_bytes;
use crate::contexts::locale::use_i18n;
use crate::i18n::{A, Key};

/// One value and how it reads (`12.5 %`, `CA$40.00`).
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub value: f64,
    pub shown: String,
}

/// A named line or set of bars.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<Point>,
}

const WIDTH: f64 = 640.0;

fn peak(series: &[Series]) -> f64 {
    series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.value))
        .fold(0.0_f64, f64::max)
}

/// The legend under a chart: one swatch per series, in the series' colour.
fn legend(names: Vec<String>) -> impl IntoView {
    view! {
        <ul class="chart-legend" aria-hidden="true">
            {names
                .into_iter()
                .enumerate()
                .map(|(i, name)| view! { <li><span class=format!("swatch series-{}", i % 6)></span>{name}</li> })
                .collect_view()}
        </ul>
    }
}

/// Horizontal bars, one group per category, one bar per series in a group; the value axis
/// runs from 0 to the largest value, labelled `axis`.
#[component]
pub fn BarChart(categories: Vec<String>, series: Vec<Series>, axis: String) -> impl IntoView {
    let (left, row_gap, bar) = (170.0_f64, 10.0_f64, 16.0_f64);
    let plot = WIDTH - left - 70.0;
    let top = peak(&series).max(f64::MIN_POSITIVE);
    let per_group = series.len().max(1) as f64 * bar + row_gap;
    let height = categories.len() as f64 * per_group + 40.0;
    let names: Vec<String> = series.iter().map(|s| s.name.clone()).collect();
    let marks = categories
        .iter()
        .enumerate()
        .map(|(c, category)| {
            let y0 = c as f64 * per_group;
            let short: String = if category.chars().count() > 24 {
                category.chars().take(23).chain(['…']).collect()
            } else {
                category.clone()
            };
            let bars = series
                .iter()
                .enumerate()
                .filter_map(|(s, line)| {
                    let p = line.points.get(c)?;
                    let y = y0 + s as f64 * bar;
                    let w = (p.value / top * plot).max(if p.value > 0.0 { 2.0 } else { 0.0 });
                    let title = format!("{category} · {}: {}", line.name, p.shown);
                    Some(view! {
                        <rect class=format!("mark series-{}", s % 6) x=left y=y + 2.0 width=w height=bar - 4.0 rx="2">
                            <title>{title}</title>
                        </rect>
                        <text x=left + w + 4.0 y=y + bar - 4.0>{p.shown.clone()}</text>
                    })
                })
                .collect_view();
            view! {
                <text x=left - 8.0 y=y0 + bar - 4.0 text-anchor="end">{short}</text>
                {bars}
            }
        })
        .collect_view();
    let axis_y = height - 30.0;
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {height}") aria-hidden="true" focusable="false">
            {marks}
            <line class="axis" x1=left y1="0" x2=left y2=axis_y></line>
            <line class="axis" x1=left y1=axis_y x2=left + plot y2=axis_y></line>
            <text x=left y=axis_y + 16.0>"0"</text>
            <text x=left + plot y=axis_y + 16.0 text-anchor="end">{format_tick(top)}</text>
            <text class="axis-title" x=left + plot / 2.0 y=axis_y + 28.0 text-anchor="middle">{axis}</text>
        </svg>
        {legend(names)}
    }
}

/// Lines over `labels` (one x position each), from 0 to the largest value on the y axis.
#[component]
pub fn LineChart(labels: Vec<String>, series: Vec<Series>, axis: String) -> impl IntoView {
    let (left, right, top_pad, height) = (48.0_f64, 16.0_f64, 12.0_f64, 220.0_f64);
    let bottom = height - 40.0;
    let plot_w = WIDTH - left - right;
    let top = peak(&series).max(f64::MIN_POSITIVE);
    let n = labels.len().max(1);
    let x = move |i: usize| {
        if n == 1 {
            left + plot_w / 2.0
        } else {
            left + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let y = move |v: f64| bottom - (v / top) * (bottom - top_pad);
    let names: Vec<String> = series.iter().map(|s| s.name.clone()).collect();
    // At most about eight labels under the axis, so they never overlap.
    let every = n.div_ceil(8).max(1);
    let ticks = labels
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
        .map(
            |(i, l)| view! { <text x=x(i) y=bottom + 16.0 text-anchor="middle">{l.clone()}</text> },
        )
        .collect_view();
    let lines = series
        .iter()
        .enumerate()
        .map(|(s, line)| {
            let path = line
                .points
                .iter()
                .enumerate()
                .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(p.value)))
                .collect::<Vec<_>>()
                .join(" ");
            let dots = line
                .points
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let title = format!("{} · {}: {}", labels.get(i).cloned().unwrap_or_default(), line.name, p.shown);
                    view! { <circle class=format!("mark series-{}", s % 6) cx=x(i) cy=y(p.value) r="4"><title>{title}</title></circle> }
                })
                .collect_view();
            view! {
                <polyline class=format!("line series-{}", s % 6) points=path fill="none"></polyline>
                {dots}
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {height}") aria-hidden="true" focusable="false">
            <line class="axis" x1=left y1=top_pad x2=left y2=bottom></line>
            <line class="axis" x1=left y1=bottom x2=left + plot_w y2=bottom></line>
            <text x=left - 6.0 y=bottom text-anchor="end">"0"</text>
            <text x=left - 6.0 y=top_pad + 4.0 text-anchor="end">{format_tick(top)}</text>
            {ticks}
            {lines}
            <text class="axis-title" x=left + plot_w / 2.0 y=height - 4.0 text-anchor="middle">{axis}</text>
        </svg>
        {legend(names)}
    }
}

/// One bar split by share: each part as wide as its value among all of them.
#[component]
pub fn StackedBar(parts: Vec<(String, Point)>) -> impl IntoView {
    let total: f64 = parts
        .iter()
        .map(|(_, p)| p.value)
        .sum::<f64>()
        .max(f64::MIN_POSITIVE);
    let mut at = 0.0_f64;
    let names: Vec<String> = parts
        .iter()
        .map(|(n, p)| format!("{n}: {}", p.shown))
        .collect();
    let marks = parts
        .into_iter()
        .enumerate()
        .map(|(i, (name, p))| {
            let w = p.value / total * WIDTH;
            let x = at;
            at += w;
            view! {
                <rect class=format!("mark series-{}", i % 6) x=x y="0" width=w height="32">
                    <title>{format!("{name}: {}", p.shown)}</title>
                </rect>
            }
        })
        .collect_view();
    view! {
        <svg class="chart chart-stacked" viewBox=format!("0 0 {WIDTH} 32") aria-hidden="true" focusable="false">
            {marks}
        </svg>
        {legend(names)}
    }
}

/// A number for the top of an axis: whole when large, one decimal when small.
fn format_tick(v: f64) -> String {
    if v >= 10.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// A field for a CSV file: quoted when it holds a comma, a quote or a line break; a leading
/// `=`, `+`, `-` or `@` is quoted behind an apostrophe, so a spreadsheet never runs it.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) && text.parse::<f64>().is_err() {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

pub fn csv(headers: &[String], rows: &[Vec<String>]) -> String {
    std::iter::once(headers)
        .chain(rows.iter().map(Vec::as_slice))
        .map(|row| {
            row.iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(",")
        })
        .map(|line| line + "\r\n")
        .collect()
}

/// The figures of a chart as a table, with its caption, and a button saving it as CSV.
#[component]
pub fn FigureTable(
    caption: String,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    file_name: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = csv(&headers, &rows);
    let download = move |_| {
        save_bytes(&file_name, "text/csv;charset=utf-8", text.as_bytes());
    };
    view! {
        <div class="table-wrap figure-table">
            <table class="table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        {headers
                            .into_iter()
                            .enumerate()
                            .map(|(i, h)| {
                                let class = if i == 0 { "" } else { "cell-number" };
                                view! { <th scope="col" class=class>{h}</th> }
                            })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|row| {
                            let mut cells = row.into_iter();
                            let first = cells.next().unwrap_or_default();
                            view! {
                                <tr>
                                    <th scope="row">{first}</th>
                                    {cells.map(|c| view! { <td class="cell-number">{c}</td> }).collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <button type="button" class="btn btn-secondary btn-small download-csv" on:click=download>
            {i18n.tr(Key::Stats(A::DownloadCsv))}
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it_and_defuses_formulas() {
        let headers = vec!["Reason".to_owned(), "Units".to_owned()];
        let rows = vec![
            vec!["Too small, really".to_owned(), "4".to_owned()],
            vec!["=HYPERLINK(\"x\")".to_owned(), "-2".to_owned()],
        ];
        assert_eq!(
            csv(&headers, &rows),
            "Reason,Units\r\n\"Too small, really\",4\r\n\"'=HYPERLINK(\"\"x\"\")\",-2\r\n"
        );
    }
}
