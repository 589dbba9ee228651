namespace WideEvents.Shipper.Configuration;

/// <summary>Tail JSON-lines files matching globs, or text logs translated to records (<see cref="Format"/>).</summary>
internal sealed class FileSourceOptions
{
    /// <summary>Name of this source, unique among file sources; names its checkpoint file. Default <c>files</c>.</summary>
    public string Name { get; set; } = "files";

    /// <summary>Directory the globs are relative to. Default the configuration file's directory.</summary>
    public string BaseDirectory { get; set; } = ".";

    /// <summary>Globs of files to tail (<c>*</c>, <c>**</c>), relative to <see cref="BaseDirectory"/>. Required.</summary>
    public List<string> Include { get; set; } = [];

    /// <summary>Globs to leave out. Default none.</summary>
    public List<string> Exclude { get; set; } = [];

    /// <summary>
    /// Pattern whose <c>{name}</c> parts become fields, matched against the end of the path,
    /// e.g. <c>runinfo/{run}/{component}.jsonl</c>. Default none.
    /// </summary>
    public string? PathPattern { get; set; }

    /// <summary>When set, a field of this name holds the file's path. Default none.</summary>
    public string? PathField { get; set; }

    /// <summary>Constant fields added to every record that lacks them (e.g. host, run_dir). Default none.</summary>
    public Dictionary<string, string> Fields { get; set; } = [];

    /// <summary>
    /// What the files hold: <c>Auto</c> recognises Parsl text logs and Work Queue/TaskVine transaction
    /// logs from each file's first line and translates them, and takes anything else as JSON lines;
    /// <c>Json</c>, <c>ParslText</c>, <c>WorkQueueTransactions</c> say it. Default <c>Auto</c>.
    /// </summary>
    public FileFormat Format { get; set; } = FileFormat.Auto;

    /// <summary>
    /// How long a translated Parsl entry waits, once its file stops growing, for more lines (a
    /// traceback) before it is shipped, in milliseconds. Default 1000.
    /// </summary>
    public int EntryWaitMilliseconds { get; set; } = 1000;

    /// <summary>How often to look for new files and new data when idle, in milliseconds. Default 200.</summary>
    public int PollMilliseconds { get; set; } = 200;

    /// <summary>Bytes at the start of a file that identify it when it has no <c>file_uuid</c> header. Default 1024.</summary>
    public int FingerprintBytes { get; set; } = 1024;

    /// <summary>How long a file renamed or deleted away from the globs stays open after its last growth, in seconds. Default 60.</summary>
    public int RotatedFileSeconds { get; set; } = 60;

    /// <summary>How long the checkpoint of a file no longer open is kept after it was last read, in hours; then it is forgotten. Default 168 (a week).</summary>
    public double CheckpointRetentionHours { get; set; } = 168;
}
