using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SpanMarshal.Benchmarks;

/// <summary>The inverse of the mean time per span (the benchmarks report per span through OperationsPerInvoke): spans per second.</summary>
public sealed class SpansPerSecondColumn : IColumn
{
    public string Id => nameof(SpansPerSecondColumn);

    public string ColumnName => "Spans/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Spans per second: 1 s divided by the mean time per span";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        => summary[benchmarkCase]?.ResultStatistics is { Mean: > 0 } statistics
            ? (1e9 / statistics.Mean).ToString("N0", CultureInfo.InvariantCulture)
            : "-";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <summary>Adds the column to a benchmark class: <c>[Config(typeof(SpansPerSecondColumn.Config))]</c>.</summary>
    public sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new SpansPerSecondColumn());
    }
}
