{{/* The objects' base name: the release's when it names Driftwatch, else release-driftwatch. */}}
{{- define "driftwatch.fullname" -}}
{{- if contains "driftwatch" .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-driftwatch" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The labels of every object: the kustomize build's two, and Helm's. */}}
{{- define "driftwatch.labels" -}}
app.kubernetes.io/name: driftwatch
app.kubernetes.io/part-of: driftwatch
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "driftwatch.selector" -}}
app.kubernetes.io/name: driftwatch
{{- end -}}

{{- define "driftwatch.config" -}}
driftwatch.yaml: {{ default (.Files.Get "files/driftwatch.yaml") .Values.config.driftwatch | toYaml | indent 2 | trim }}
rules.yaml: {{ default (.Files.Get "files/rules.yaml") .Values.config.rules | toYaml | indent 2 | trim }}
routing.yaml: {{ default (.Files.Get "files/routing.yaml") .Values.config.routing | toYaml | indent 2 | trim }}
{{- end -}}
