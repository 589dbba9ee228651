global using Record = WideEvents.Analyze.Records.Record;
