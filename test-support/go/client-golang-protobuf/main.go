// Oracle for the protobuf exposition, built against Debian's client_golang 1.14 (GOPATH mode).
//
//	text:    reads a delimited MetricFamily stream on stdin with expfmt's own decoder and writes
//	         it back as text 0.0.4 with expfmt.MetricFamilyToText.
//	native:  reads the same stream and prints one JSON line per histogram series that has native
//	         buckets: its labels and native fields, as decoded.
//	negotiate: reads one Accept header per line and prints, per line, what expfmt.Negotiate and
//	         expfmt.NegotiateIncludingOpenMetrics choose for it.
//	observe: reads {"factor","maxBuckets","values"} on stdin, observes the values into a real
//	         client_golang native histogram and prints its native fields as the native mode does.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
)

type native struct {
	Labels        map[string]string `json:"labels,omitempty"`
	Count         uint64            `json:"count"`
	Sum           float64           `json:"sum"`
	Schema        int32             `json:"schema"`
	ZeroThreshold float64           `json:"zeroThreshold"`
	ZeroCount     uint64            `json:"zeroCount"`
	Spans         [][2]int64        `json:"spans"`
	Deltas        []int64           `json:"deltas"`
	NegativeSpans int               `json:"negativeSpans"`
}

func nativeOf(m *dto.Metric) native {
	h := m.GetHistogram()
	n := native{
		Count: h.GetSampleCount(), Sum: h.GetSampleSum(), Schema: h.GetSchema(),
		ZeroThreshold: h.GetZeroThreshold(), ZeroCount: h.GetZeroCount(),
		Spans: [][2]int64{}, Deltas: h.GetPositiveDelta(), NegativeSpans: len(h.GetNegativeSpan()),
	}
	if n.Deltas == nil {
		n.Deltas = []int64{}
	}
	for _, s := range h.GetPositiveSpan() {
		n.Spans = append(n.Spans, [2]int64{int64(s.GetOffset()), int64(s.GetLength())})
	}
	if len(m.GetLabel()) > 0 {
		n.Labels = map[string]string{}
		for _, l := range m.GetLabel() {
			n.Labels[l.GetName()] = l.GetValue()
		}
	}
	return n
}

func main() {
	if len(os.Args) != 2 {
		fail(fmt.Errorf("usage: %s text|native|observe", os.Args[0]))
	}
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	switch os.Args[1] {
	case "text", "native":
		dec := expfmt.NewDecoder(os.Stdin, expfmt.FmtProtoDelim)
		for {
			mf := &dto.MetricFamily{}
			if err := dec.Decode(mf); err == io.EOF {
				return
			} else if err != nil {
				fail(err)
			}
			if os.Args[1] == "text" {
				if _, err := expfmt.MetricFamilyToText(out, mf); err != nil {
					fail(err)
				}
				continue
			}
			for _, m := range mf.GetMetric() {
				if h := m.GetHistogram(); h != nil && h.Schema != nil {
					line, _ := json.Marshal(map[string]interface{}{"name": mf.GetName(), "native": nativeOf(m)})
					fmt.Fprintln(out, string(line))
				}
			}
		}
	case "negotiate":
		lines := bufio.NewScanner(os.Stdin)
		lines.Buffer(make([]byte, 1<<20), 1<<20)
		for lines.Scan() {
			h := http.Header{}
			h.Set("Accept", lines.Text())
			fmt.Fprintf(out, "%s\t%s\n", expfmt.Negotiate(h), expfmt.NegotiateIncludingOpenMetrics(h))
		}
	case "observe":
		var in struct {
			Factor     float64   `json:"factor"`
			MaxBuckets uint32    `json:"maxBuckets"`
			Values     []float64 `json:"values"`
		}
		if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
			fail(err)
		}
		h := prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "oracle", Help: "oracle", Buckets: prometheus.DefBuckets,
			NativeHistogramBucketFactor: in.Factor, NativeHistogramMaxBucketNumber: in.MaxBuckets,
		})
		for _, v := range in.Values {
			h.Observe(v)
		}
		m := &dto.Metric{}
		if err := h.Write(m); err != nil {
			fail(err)
		}
		line, _ := json.Marshal(nativeOf(m))
		fmt.Fprintln(out, string(line))
	default:
		fail(fmt.Errorf("unknown mode %q", os.Args[1]))
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
