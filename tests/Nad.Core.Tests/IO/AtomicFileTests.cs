using System.Text;
using Nad.Core.IO;

namespace Nad.Core.Tests.IO;

public class AtomicFileTests
{
    private readonly string folder = TestData.TempFolder();

    [Fact]
    public void Writes_a_new_file_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(folder, "new.csv");
        var rows = AtomicFile.WriteText(path, writer =>
        {
            writer.WriteLine("a,b");
            writer.WriteLine("1,2");
            return 2;
        });
        Assert.Equal(2, rows);
        Assert.Equal("a,b\n1,2\n", File.ReadAllText(path));
        Assert.Equal(["new.csv"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void Text_is_utf8_without_a_byte_order_mark()
    {
        var path = Path.Combine(folder, "text.txt");
        AtomicFile.WriteText(path, writer => writer.Write("é"));
        Assert.Equal(Encoding.UTF8.GetBytes("é"), File.ReadAllBytes(path));
    }

    [Fact]
    public void Replaces_an_existing_file_whole()
    {
        var path = Path.Combine(folder, "model.bin");
        File.WriteAllBytes(path, new byte[10_000]);
        AtomicFile.Write(path, stream => stream.Write([1, 2, 3]));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(folder));
    }

    [Fact]
    public void A_failure_mid_write_keeps_the_old_file_and_removes_the_temporary_one()
    {
        var path = Path.Combine(folder, "out.csv");
        File.WriteAllText(path, "old content\n");
        var failure = new InvalidDataException("row 7 is bad");
        var thrown = Assert.Throws<InvalidDataException>(() => AtomicFile.WriteText(path, writer =>
        {
            for (var i = 0; i < 100_000; i++) writer.WriteLine($"row {i}"); // past the buffer: bytes reached the temporary file
            throw failure;
        }));
        Assert.Same(failure, thrown); // the writer's own error, unchanged
        Assert.Equal("old content\n", File.ReadAllText(path));
        Assert.Equal(["out.csv"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failure_mid_write_of_a_new_file_leaves_nothing()
    {
        var path = Path.Combine(folder, "never.csv");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100_000]);
            throw new InvalidOperationException("stop");
        }));
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public void A_missing_folder_is_an_error_naming_the_target_not_the_temporary_file()
    {
        var path = Path.Combine(folder, "no-such-folder", "out.csv");
        var error = Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.WriteText(path, writer => writer.Write("x")));
        Assert.Contains(path, error.Message);
        Assert.DoesNotContain(".tmp", error.Message);
        Assert.False(Directory.Exists(Path.Combine(folder, "no-such-folder")));
    }

    [Fact]
    public void A_refused_rename_names_the_target_and_removes_the_temporary_file()
    {
        var path = Path.Combine(folder, "taken");
        Directory.CreateDirectory(path); // a folder where the file should go: the rename fails after the write
        var error = Assert.Throws<IOException>(() => AtomicFile.WriteText(path, writer => writer.Write("x")));
        Assert.Contains(path, error.Message);
        Assert.DoesNotContain(".tmp", error.Message);
        Assert.Empty(Directory.GetFiles(folder));
        Assert.True(Directory.Exists(path));
    }
}
