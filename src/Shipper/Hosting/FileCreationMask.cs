using System.Runtime.InteropServices;

namespace WideEvents.Shipper.Hosting;

/// <summary>
/// Sets the process umask, the one place that covers every file and directory the shipper
/// creates (.NET creates files 0666 and directories 0777, less the umask).
/// </summary>
internal static partial class FileCreationMask
{
    public static bool TryParse(string text, out uint mask)
    {
        mask = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 4)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c is < '0' or > '7')
            {
                return false;
            }

            mask = (mask * 8) + (uint)(c - '0');
        }

        return mask <= 0x1FF; // 0777
    }

    public static void Apply(uint mask) => NativeUmask(mask);

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint NativeUmask(uint mask);
}
