// client-golang-text: an oracle for the text exposition. Reads a JSON script on stdin (families,
// then operations on their series), records it with client_golang (the library Teleport uses)
// and writes the registry's text exposition, as promhttp would serve it, on stdout.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/common/expfmt"
)

type family struct {
	Name   string   `json:"name"`
	Help   string   `json:"help"`
	Type   string   `json:"type"` // counter | gauge
	Labels []string `json:"labels"`
}

type op struct {
	Family int      `json:"family"`
	Labels []string `json:"labels"`
	Op     string   `json:"op"` // inc | add | set | dec
	Value  float64  `json:"value"`
}

type script struct {
	Families []family `json:"families"`
	Ops      []op     `json:"ops"`
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

func main() {
	var s script
	if err := json.NewDecoder(os.Stdin).Decode(&s); err != nil {
		fail(err)
	}
	reg := prometheus.NewRegistry()
	counters := map[int]*prometheus.CounterVec{}
	gauges := map[int]*prometheus.GaugeVec{}
	for i, f := range s.Families {
		switch f.Type {
		case "counter":
			counters[i] = prometheus.NewCounterVec(prometheus.CounterOpts{Name: f.Name, Help: f.Help}, f.Labels)
			reg.MustRegister(counters[i])
		case "gauge":
			gauges[i] = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: f.Name, Help: f.Help}, f.Labels)
			reg.MustRegister(gauges[i])
		default:
			fail(fmt.Errorf("unknown family type %q", f.Type))
		}
	}
	for _, o := range s.Ops {
		if c, ok := counters[o.Family]; ok {
			m := c.WithLabelValues(o.Labels...)
			switch o.Op {
			case "inc":
				m.Inc()
			case "add":
				m.Add(o.Value)
			default:
				fail(fmt.Errorf("counter op %q", o.Op))
			}
			continue
		}
		m := gauges[o.Family].WithLabelValues(o.Labels...)
		switch o.Op {
		case "inc":
			m.Inc()
		case "dec":
			m.Dec()
		case "add":
			m.Add(o.Value)
		case "set":
			m.Set(o.Value)
		default:
			fail(fmt.Errorf("gauge op %q", o.Op))
		}
	}
	mfs, err := reg.Gather()
	if err != nil {
		fail(err)
	}
	for _, mf := range mfs {
		if _, err := expfmt.MetricFamilyToText(os.Stdout, mf); err != nil {
			fail(err)
		}
	}
}
