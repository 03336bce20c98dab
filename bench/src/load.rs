//! Requests on loopback: one at a time (server functions), or from concurrent connections for
//! a while (pages). Every answer is checked; a run with a failed request is an error, never
//! left out of the figures.

use std::time::{Duration, Instant};

/// Latencies of a run, in milliseconds.
#[derive(Clone, Copy, Debug, Default)]
pub struct Figures {
    pub count: usize,
    pub p50: f64,
    pub p99: f64,
    pub per_second: f64,
}

/// The `p`th percentile of `values` (nearest rank); sorts them.
pub fn percentile(values: &mut [f64], p: f64) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * values.len() as f64).ceil() as usize;
    values[rank.clamp(1, values.len()) - 1]
}

fn figures(mut latencies: Vec<f64>, elapsed: Duration) -> Figures {
    Figures {
        count: latencies.len(),
        p50: percentile(&mut latencies, 50.0),
        p99: percentile(&mut latencies, 99.0),
        per_second: latencies.len() as f64 / elapsed.as_secs_f64(),
    }
}

/// `count` calls of the JSON server function at `url`, one after the other (after five to
/// warm up).
pub async fn calls(
    client: &reqwest::Client,
    url: &str,
    body: &serde_json::Value,
    count: usize,
) -> Result<Figures, String> {
    let mut latencies = Vec::with_capacity(count);
    let start = Instant::now();
    for n in 0..count + 5 {
        let began = Instant::now();
        let res = client
            .post(url)
            .json(body)
            .send()
            .await
            .map_err(|e| format!("{url}: {e}"))?;
        let status = res.status();
        let text = res.text().await.map_err(|e| format!("{url}: {e}"))?;
        if !status.is_success() {
            return Err(format!("{url} answered {status}: {text}"));
        }
        if n >= 5 {
            latencies.push(began.elapsed().as_secs_f64() * 1000.0);
        }
    }
    Ok(figures(latencies, start.elapsed()))
}

/// The page at `url` from `connections` concurrent connections for `duration`; the HTML's
/// size; and the highest of `rss_kb` sampled meanwhile.
pub async fn pages(
    client: &reqwest::Client,
    url: &str,
    connections: usize,
    duration: Duration,
    rss_kb: impl Fn() -> u64,
) -> Result<(Figures, usize, u64), String> {
    let first = client
        .get(url)
        .send()
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    if !first.status().is_success() {
        return Err(format!("{url} answered {}", first.status()));
    }
    let bytes = first.text().await.map_err(|e| e.to_string())?.len();
    let start = Instant::now();
    let deadline = start + duration;
    let workers: Vec<_> = (0..connections)
        .map(|_| {
            let (client, url) = (client.clone(), url.to_owned());
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                while Instant::now() < deadline {
                    let began = Instant::now();
                    let res = client.get(&url).send().await.map_err(|e| e.to_string())?;
                    let status = res.status();
                    let body = res.text().await.map_err(|e| e.to_string())?;
                    if !status.is_success() || !body.contains("</html>") {
                        return Err(format!("{url}: {status}, {} bytes", body.len()));
                    }
                    latencies.push(began.elapsed().as_secs_f64() * 1000.0);
                }
                Ok::<_, String>(latencies)
            })
        })
        .collect();
    let mut rss = rss_kb();
    while workers.iter().any(|w| !w.is_finished()) {
        tokio::time::sleep(Duration::from_millis(100)).await;
        rss = rss.max(rss_kb());
    }
    let elapsed = start.elapsed();
    let mut latencies = Vec::new();
    for worker in workers {
        latencies.extend(worker.await.map_err(|e| e.to_string())??);
    }
    Ok((figures(latencies, elapsed), bytes, rss))
}
