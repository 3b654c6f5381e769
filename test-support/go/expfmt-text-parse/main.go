// expfmt-text-parse: an independent parser for the text exposition. Reads Prometheus text (0.0.4)
// on stdin, parses it with expfmt.TextParser (the parser of Prometheus's common library, which
// client_golang ships) and writes the families on stdout as JSON: per family its name, TYPE, HELP
// and samples in the text format's own terms (histograms and summaries expanded into _bucket /
// quantile, _sum and _count samples). Values are strings ("NaN", "+Inf", "-Inf", Go's shortest
// 'g' form) so JSON can carry every float. A parse error exits 2 with the message on stderr.
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
)

type sample struct {
	Name   string            `json:"name"`
	Labels map[string]string `json:"labels"`
	Value  string            `json:"value"`
}

type family struct {
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	Help    string   `json:"help"`
	Samples []sample `json:"samples"`
}

func num(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func labelsOf(m *dto.Metric, extra ...string) map[string]string {
	out := map[string]string{}
	for _, lp := range m.GetLabel() {
		out[lp.GetName()] = lp.GetValue()
	}
	for i := 0; i+1 < len(extra); i += 2 {
		out[extra[i]] = extra[i+1]
	}
	return out
}

func samplesOf(name string, t dto.MetricType, m *dto.Metric) []sample {
	switch t {
	case dto.MetricType_COUNTER:
		return []sample{{name, labelsOf(m), num(m.GetCounter().GetValue())}}
	case dto.MetricType_GAUGE:
		return []sample{{name, labelsOf(m), num(m.GetGauge().GetValue())}}
	case dto.MetricType_UNTYPED:
		return []sample{{name, labelsOf(m), num(m.GetUntyped().GetValue())}}
	case dto.MetricType_HISTOGRAM:
		h := m.GetHistogram()
		var out []sample
		for _, b := range h.GetBucket() {
			out = append(out, sample{name + "_bucket", labelsOf(m, "le", num(b.GetUpperBound())), strconv.FormatUint(b.GetCumulativeCount(), 10)})
		}
		return append(out,
			sample{name + "_sum", labelsOf(m), num(h.GetSampleSum())},
			sample{name + "_count", labelsOf(m), strconv.FormatUint(h.GetSampleCount(), 10)})
	case dto.MetricType_SUMMARY:
		s := m.GetSummary()
		var out []sample
		for _, q := range s.GetQuantile() {
			out = append(out, sample{name, labelsOf(m, "quantile", num(q.GetQuantile())), num(q.GetValue())})
		}
		return append(out,
			sample{name + "_sum", labelsOf(m), num(s.GetSampleSum())},
			sample{name + "_count", labelsOf(m), strconv.FormatUint(s.GetSampleCount(), 10)})
	}
	return nil
}

func main() {
	var p expfmt.TextParser
	parsed, err := p.TextToMetricFamilies(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	names := make([]string, 0, len(parsed))
	for n := range parsed {
		names = append(names, n)
	}
	sort.Strings(names)
	out := []family{}
	for _, n := range names {
		mf := parsed[n]
		f := family{Name: n, Type: map[dto.MetricType]string{
			dto.MetricType_COUNTER: "counter", dto.MetricType_GAUGE: "gauge", dto.MetricType_UNTYPED: "untyped",
			dto.MetricType_HISTOGRAM: "histogram", dto.MetricType_SUMMARY: "summary",
		}[mf.GetType()], Help: mf.GetHelp(), Samples: []sample{}}
		for _, m := range mf.GetMetric() {
			f.Samples = append(f.Samples, samplesOf(n, mf.GetType(), m)...)
		}
		out = append(out, f)
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
